package dev.tributary.ingestion.publish;

/** An enveloped message ready to send; serialised early so a large batch is held as text, not trees. */
public record OutgoingMessage(String topic, String key, String value) {
}
