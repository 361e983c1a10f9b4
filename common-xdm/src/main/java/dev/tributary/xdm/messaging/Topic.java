package dev.tributary.xdm.messaging;

/** A Kafka topic, the envelope type its messages carry by default and that type's payload. */
public record Topic<T>(String name, String envelopeType, Class<T> payloadType) {
}
