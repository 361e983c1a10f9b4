package dev.tributary.xdm.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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

    /**
     * The JSON of a new envelope of the topic's type, as {@code mapper.writeValueAsString(of(...))} writes it, without
     * first copying the payload into a tree: for an XDM record that copy is a second copy of the record, on the path
     * of every line ingestion accepts.
     */
    public static <T> String json(Topic<T> topic, String key, T payload, JsonMapper mapper) {
        return json(topic.envelopeType(), key, payload, mapper);
    }

    /** {@link #json(Topic, String, Object, JsonMapper)} for an envelope type given by name. */
    public static String json(String type, String key, Object payload, JsonMapper mapper) {
        return mapper.writeValueAsString(new Typed<>(UUID.randomUUID().toString(), type, SCHEMA_VERSION, Instant.now(), key,
                payload));
    }

    /**
     * Reads an envelope whose payload type the topic fixes straight into that type. {@code readValue} then
     * {@link #payloadAs} builds the payload as a tree and then copies it: for an XDM record, a second copy of the record
     * on the path of every record profile-service applies.
     */
    public static <T> Typed<T> read(String json, Class<T> payloadType, JsonMapper mapper) {
        return mapper.readValue(json, mapper.getTypeFactory().constructParametricType(Typed.class, payloadType));
    }

    /**
     * The {@code type} of an envelope's JSON, read without reading the rest, so that a topic carrying several payload
     * types can then {@link #read} the payload straight into the one it names.
     *
     * @throws IllegalArgumentException if the JSON is not an object with a string {@code type}
     */
    public static String typeOf(String json, JsonMapper mapper) {
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("type".equals(name)) {
                        if (value == JsonToken.VALUE_STRING) {
                            return parser.getString();
                        }
                        break;
                    }
                    parser.skipChildren();
                }
            }
        }
        throw new IllegalArgumentException("not an envelope: no string property 'type'");
    }

    /** An envelope with its payload as a value of its type: the components of {@link Envelope}, in its order. */
    public record Typed<T>(String id, String type, int schemaVersion, Instant time, String key, T payload) {

        public Typed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
        }
    }

    public <T> T payloadAs(Class<T> type, JsonMapper mapper) {
        return mapper.treeToValue(payload, type);
    }
}
