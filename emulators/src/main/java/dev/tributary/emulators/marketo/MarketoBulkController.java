package dev.tributary.emulators.marketo;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tributary.emulators.marketo.MarketoRequests.token;

/**
 * Bulk Lead Extract and Bulk Activity Extract ({@code /bulk/v1/{leads|activities}/export/...}, no {@code /rest}
 * prefix, the REST API's token and limits): create, enqueue, status, cancel, file (CSV; 404 until Completed; a
 * {@code Range: bytes=a-b} header answers 206 with that part).
 */
@RestController
@RequestMapping("/marketo/{munchkinId}/bulk/v1/{kind:leads|activities}/export")
class MarketoBulkController {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final MarketoRegistry registry;
    private final JsonMapper json;

    MarketoBulkController(MarketoRegistry registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
    }

    @PostMapping("/create.json")
    ResponseEntity<Object> create(@PathVariable String munchkinId, @PathVariable String kind,
                                  @RequestHeader(name = "Authorization", required = false) String authorization,
                                  @RequestParam(name = "access_token", required = false) String accessToken,
                                  @RequestBody(required = false) byte[] body) {
        MarketoInstance instance = registry.require(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> {
            JsonNode request = parse(body);
            if (request == null || !request.isObject()) {
                return MarketoEnvelope.error("609", "Invalid JSON");
            }
            String format = request.path("format").asString("CSV");
            if (!"CSV".equals(format)) {
                return MarketoEnvelope.error("1003", "Invalid format '" + format + "': the emulator writes CSV");
            }
            List<String> fields = new ArrayList<>();
            request.path("fields").forEach(field -> fields.add(field.asString()));
            if ("leads".equals(kind) && fields.isEmpty()) {
                return MarketoEnvelope.error("1003", "Invalid data: fields is required");
            }
            JsonNode filter = request.path("filter");
            Set<String> types = new LinkedHashSet<>();
            filter.propertyNames().forEach(types::add);
            String filterType;
            if ("leads".equals(kind)) {
                if (types.size() != 1 || !Set.of("createdAt", "updatedAt").contains(types.iterator().next())) {
                    return MarketoEnvelope.error("1003", "Invalid filter: exactly one of createdAt, updatedAt is required");
                }
                filterType = types.iterator().next();
            } else {
                if (!types.contains("createdAt") || !Set.of("createdAt", "activityTypeIds").containsAll(types)) {
                    return MarketoEnvelope.error("1003", "Invalid filter: createdAt is required (and activityTypeIds optional)");
                }
                filterType = "createdAt";
            }
            Set<Integer> typeIds = new LinkedHashSet<>();
            filter.path("activityTypeIds").forEach(id -> typeIds.add(id.asInt()));
            Instant startAt;
            Instant endAt;
            try {
                startAt = instant(filter.path(filterType).path("startAt"));
                endAt = instant(filter.path(filterType).path("endAt"));
            } catch (DateTimeParseException e) {
                return MarketoEnvelope.error("1003", "Invalid date: " + e.getParsedString());
            }
            return instance.exports().create(kind, List.copyOf(fields), filterType, startAt, endAt, typeIds);
        });
    }

    @PostMapping("/{exportId}/enqueue.json")
    ResponseEntity<Object> enqueue(@PathVariable String munchkinId, @PathVariable String kind, @PathVariable String exportId,
                                   @RequestHeader(name = "Authorization", required = false) String authorization,
                                   @RequestParam(name = "access_token", required = false) String accessToken) {
        MarketoInstance instance = registry.require(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> instance.exports().enqueue(kind, exportId));
    }

    @GetMapping("/{exportId}/status.json")
    ResponseEntity<Object> status(@PathVariable String munchkinId, @PathVariable String kind, @PathVariable String exportId,
                                  @RequestHeader(name = "Authorization", required = false) String authorization,
                                  @RequestParam(name = "access_token", required = false) String accessToken) {
        MarketoInstance instance = registry.require(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> instance.exports().poll(kind, exportId));
    }

    @PostMapping("/{exportId}/cancel.json")
    ResponseEntity<Object> cancel(@PathVariable String munchkinId, @PathVariable String kind, @PathVariable String exportId,
                                  @RequestHeader(name = "Authorization", required = false) String authorization,
                                  @RequestParam(name = "access_token", required = false) String accessToken) {
        MarketoInstance instance = registry.require(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> instance.exports().cancel(kind, exportId));
    }

    @GetMapping("/{exportId}/file.json")
    ResponseEntity<Object> file(@PathVariable String munchkinId, @PathVariable String kind, @PathVariable String exportId,
                                @RequestHeader(name = "Authorization", required = false) String authorization,
                                @RequestParam(name = "access_token", required = false) String accessToken,
                                @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) {
        MarketoInstance instance = registry.require(munchkinId);
        return instance.serveEntity(token(authorization, accessToken), () -> {
            byte[] file = instance.exports().file(kind, exportId);
            if (file == null) {
                return ResponseEntity.status(HttpStatus.NOT_FOUND).body(instance.exports().exists(kind, exportId)
                        ? MarketoEnvelope.error("1003", "Export job '" + exportId + "' is not completed")
                        : MarketoEnvelope.error("1003", "Export job '" + exportId + "' not found"));
            }
            Matcher matcher = range == null ? null : RANGE.matcher(range.trim());
            if (matcher != null && matcher.matches()) {
                int from = Integer.parseInt(matcher.group(1));
                int to = matcher.group(2).isEmpty() ? file.length - 1 : Math.min(file.length - 1, Integer.parseInt(matcher.group(2)));
                if (from >= file.length || to < from) {
                    return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                            .header(HttpHeaders.CONTENT_RANGE, "bytes */" + file.length).build();
                }
                byte[] part = java.util.Arrays.copyOfRange(file, from, to + 1);
                return ResponseEntity.status(HttpStatus.PARTIAL_CONTENT).contentType(MediaType.TEXT_PLAIN)
                        .header(HttpHeaders.CONTENT_RANGE, "bytes " + from + "-" + to + "/" + file.length).body(part);
            }
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(file);
        });
    }

    private static Instant instant(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? null : Instant.parse(value.asString());
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

}
