package dev.tributary.xdm.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The value of every Kafka message. {@code id} makes consumers idempotent; {@code type} says how
 * to read {@code payload}; {@code schemaVersion} lets a topic evolve without renaming it.
 */
public record Envelope(String id, String type, int schemaVersion, Instant time, String key, JsonNode payload) {

    public static final int SCHEMA_VERSION = 1;

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }

    /** A new envelope with a random id, the current time and schema version 1. */
    public static Envelope of(String type, String key, Object payload, JsonMapper mapper) {
        return new Envelope(UUID.randomUUID().toString(), type, SCHEMA_VERSION, Instant.now(), key,
                mapper.valueToTree(payload));
    }

    /** A new envelope of the topic's type; the payload type is checked by the compiler. */
    public static <T> Envelope of(Topic<T> topic, String key, T payload, JsonMapper mapper) {
        return of(topic.envelopeType(), key, payload, mapper);
    }

    public <T> T payloadAs(Class<T> type, JsonMapper mapper) {
        return mapper.treeToValue(payload, type);
    }
}
