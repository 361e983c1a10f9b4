package dev.tributary.support.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tributary.support.problem.BadRequestException;
import dev.tributary.support.problem.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@code /v1/api-keys}: issue, list and revoke keys. Served by every service over the one key store; admin only. */
@RestController
public class ApiKeyController {

    public record CreateApiKeyRequest(String name, List<String> scopes, List<UUID> sourceIds) {
    }

    /** {@code key} is present once, in the answer to the creation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApiKeyResponse(UUID id, String name, List<String> scopes, List<UUID> sourceIds, String prefix,
                                 Instant createdAt, Instant revokedAt, String key) {

        static ApiKeyResponse of(ApiKeyStore.StoredKey stored, String secret) {
            return new ApiKeyResponse(stored.key().id(), stored.key().name(),
                    stored.key().scopes().stream().map(Scope::value).sorted().toList(),
                    stored.key().sourceIds().stream().sorted().toList(), stored.prefix(), stored.createdAt(),
                    stored.revokedAt(), secret);
        }
    }

    public record ApiKeysResponse(List<ApiKeyResponse> keys) {
    }

    static final int MAX_NAME_LENGTH = 200;

    private final ApiKeys keys;

    public ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping("/v1/api-keys")
    ResponseEntity<ApiKeyResponse> create(@RequestBody CreateApiKeyRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            errors.add(error("/name", "is required, at most " + MAX_NAME_LENGTH + " characters"));
        }
        Set<Scope> scopes = new LinkedHashSet<>();
        List<String> requested = request.scopes() == null ? List.of() : request.scopes();
        if (requested.isEmpty()) {
            errors.add(error("/scopes", "at least one of admin, ingest, segments, read is required"));
        }
        for (int i = 0; i < requested.size(); i++) {
            Optional<Scope> scope = Scope.parse(requested.get(i));
            if (scope.isPresent()) {
                scopes.add(scope.get());
            } else {
                errors.add(error("/scopes/" + i, "unknown scope '" + requested.get(i) + "'; one of admin, ingest, segments, read"));
            }
        }
        Set<UUID> sources = new LinkedHashSet<>(request.sourceIds() == null ? List.of() : request.sourceIds());
        if (sources.contains(null)) {
            errors.add(error("/sourceIds", "must not hold null"));
        } else if (!sources.isEmpty() && (!scopes.contains(Scope.INGEST) || scopes.contains(Scope.ADMIN))) {
            errors.add(error("/sourceIds", "limits an ingest key; it needs the ingest scope and not admin"));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("Invalid API key", "The API key request has invalid fields", errors);
        }
        ApiKeys.IssuedKey issued = keys.issue(name, scopes, sources);
        return ResponseEntity.created(URI.create("/v1/api-keys/" + issued.stored().key().id()))
                .body(ApiKeyResponse.of(issued.stored(), issued.secret()));
    }

    @GetMapping("/v1/api-keys")
    ApiKeysResponse list() {
        return new ApiKeysResponse(keys.list().stream().map(k -> ApiKeyResponse.of(k, null)).toList());
    }

    @GetMapping("/v1/api-keys/{id}")
    ApiKeyResponse get(@PathVariable UUID id) {
        return keys.find(id).map(k -> ApiKeyResponse.of(k, null))
                .orElseThrow(() -> new NotFoundException("API key", id.toString()));
    }

    @DeleteMapping("/v1/api-keys/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        if (!keys.revoke(id)) {
            throw new NotFoundException("API key", id.toString());
        }
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
