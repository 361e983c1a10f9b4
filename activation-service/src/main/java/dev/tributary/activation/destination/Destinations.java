package dev.tributary.activation.destination;

import dev.tributary.support.secret.SecretBox;
import dev.tributary.support.problem.BadRequestException;
import dev.tributary.xdm.json.XdmJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Destinations: validated, their secrets sealed at rest and never handed out through the API. */
@Service
public class Destinations {

    private static final TypeReference<Map<String, Object>> CONFIG = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> SECRETS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final SecretBox box;

    Destinations(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    public record DestinationRequest(String name, String type, Map<String, Object> config) {
    }

    @Transactional
    public Destination create(DestinationRequest request) {
        Validated valid = validate(request, null);
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        jdbc.sql("""
                INSERT INTO activation.destination (id, name, type, config, secret, created_at, updated_at)
                VALUES (:id, :name, :type, CAST(:config AS jsonb), :secret, :now, :now)""")
                .param("id", id).param("name", valid.name()).param("type", valid.type().wireName())
                .param("config", XdmJson.mapper().writeValueAsString(valid.config()))
                .param("secret", box.seal(XdmJson.mapper().writeValueAsString(valid.secrets()), id.toString()))
                .param("now", Timestamp.from(now)).update();
        return get(id.toString());
    }

    /** Replaces name and config; a secret left out keeps its stored value (clients cannot read it back to resend it). */
    @Transactional
    public Destination replace(String id, DestinationRequest request) {
        Destination current = get(id);
        Validated valid = validate(request, current);
        if (valid.type() != current.type()) {
            throw new BadRequestException("Invalid destination", "A destination's type cannot change",
                    List.of(Map.of("field", "type", "message", "is " + current.type().wireName() + "; create a new destination")));
        }
        jdbc.sql("""
                UPDATE activation.destination SET name = :name, type = :type, config = CAST(:config AS jsonb),
                       secret = :secret, updated_at = :now WHERE id = :id""")
                .param("id", current.id()).param("name", valid.name()).param("type", valid.type().wireName())
                .param("config", XdmJson.mapper().writeValueAsString(valid.config()))
                .param("secret", box.seal(XdmJson.mapper().writeValueAsString(valid.secrets()), current.id().toString()))
                .param("now", Timestamp.from(Instant.now())).update();
        // new credentials are tried at once, not after the wait that failures with the old ones built up
        jdbc.sql("UPDATE activation.activation SET retry_at = NULL, failures = 0 WHERE destination_id = ? AND status <> 'stopped'")
                .param(current.id()).update();
        return get(id);
    }

    @Transactional
    public void delete(String id) {
        Destination current = get(id);
        long inUse = jdbc.sql("SELECT count(*) FROM activation.activation WHERE destination_id = ? AND status <> 'stopped'")
                .param(current.id()).query(Long.class).single();
        if (inUse > 0) {
            throw new DestinationInUseException(id, inUse);
        }
        jdbc.sql("DELETE FROM activation.activation WHERE destination_id = ?").param(current.id()).update();
        jdbc.sql("DELETE FROM activation.destination WHERE id = ?").param(current.id()).update();
    }

    public Destination get(String id) {
        return find(id).orElseThrow(() -> new DestinationNotFoundException(id));
    }

    public Optional<Destination> find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, name, type, config::text, secret, created_at, updated_at FROM activation.destination WHERE id = ?")
                .param(uuid).query(this::read).optional();
    }

    public List<Destination> list() {
        return jdbc.sql("SELECT id, name, type, config::text, secret, created_at, updated_at FROM activation.destination ORDER BY created_at, id")
                .query(this::read).list();
    }

    private Destination read(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        DestinationType type = DestinationType.parse(rs.getString(3)).orElseThrow();
        Map<String, String> secrets = Map.of();
        String problem = null;
        try {
            secrets = XdmJson.mapper().readValue(box.open(rs.getBytes(5), id.toString()), SECRETS);
        } catch (IllegalStateException e) {
            // reading and replacing the destination still work; using it says why it cannot be used
            problem = e.getMessage();
        }
        return new Destination(id, rs.getString(2), type, XdmJson.mapper().readValue(rs.getString(4), CONFIG),
                secrets, problem, rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant());
    }

    private record Validated(String name, DestinationType type, Map<String, Object> config, Map<String, String> secrets) {
    }

    private static Validated validate(DestinationRequest request, Destination current) {
        List<Map<String, Object>> errors = new ArrayList<>();
        if (request == null) {
            throw new BadRequestException("Invalid destination", "The request has no body",
                    List.of(Map.of("field", "", "message", "required")));
        }
        if (request.name() == null || request.name().isBlank()) {
            errors.add(error("name", "required"));
        }
        DestinationType type = request.type() == null ? null : DestinationType.parse(request.type()).orElse(null);
        if (type == null) {
            errors.add(error("type", request.type() == null ? "required"
                    : "unknown type '" + request.type() + "': marketo-static-list or linkedin-matched-audience"));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        if (request.config() == null) {
            errors.add(error("config", "required"));
        } else if (type != null) {
            boolean sameType = current != null && current.type() == type;
            for (String field : type.required()) {
                Object value = request.config().get(field);
                if (!(value instanceof String s) || s.isBlank()) {
                    errors.add(error("config." + field, value == null ? "required" : "must be a non-empty string"));
                } else if (field.equals("baseUrl") && !httpUrl(s)) {
                    errors.add(error("config.baseUrl", "must be an absolute http or https URL"));
                } else {
                    config.put(field, s.trim());
                }
            }
            for (String field : type.secrets()) {
                Object value = request.config().get(field);
                if (value == null && sameType && current.secrets().containsKey(field)) {
                    secrets.put(field, current.secrets().get(field));
                } else if (!(value instanceof String s) || s.isBlank()) {
                    errors.add(error("config." + field, value == null ? "required" : "must be a non-empty string"));
                } else {
                    secrets.put(field, s);
                }
            }
            for (String field : type.optional()) {
                Object value = request.config().get(field);
                if (value == null) {
                    continue;
                }
                if (field.equals("createMissingPersons") && !(value instanceof Boolean)) {
                    errors.add(error("config.createMissingPersons", "must be true or false"));
                } else if (field.equals("folderId") && !(value instanceof Number n && n.longValue() > 0)) {
                    errors.add(error("config.folderId", "must be a positive integer"));
                } else {
                    config.put(field, value);
                }
            }
            if (type == DestinationType.MARKETO_STATIC_LIST) {
                config.putIfAbsent("createMissingPersons", false);
            }
            for (String field : request.config().keySet()) {
                if (!type.required().contains(field) && !type.secrets().contains(field) && !type.optional().contains(field)) {
                    errors.add(error("config." + field, "unknown field for " + type.wireName()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("Invalid destination", "The destination has invalid fields", errors);
        }
        return new Validated(request.name().trim(), type, config, secrets);
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = URI.create(value.trim());
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, Object> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
