package dev.tributary.ingestion.publish;

import java.nio.charset.StandardCharsets;

/** An enveloped message ready to send; serialised early so a large batch is held as text, not trees. */
public record OutgoingMessage(String topic, String key, String value) {

    /** Whether key and value take more than {@code maxBytes} of UTF-8; exact only when it could be so. */
    public boolean largerThan(long maxBytes) {
        long chars = (key == null ? 0 : key.length()) + (long) value.length();
        // a char is at most 3 bytes of UTF-8 (a surrogate pair is 4 for 2 chars): most messages need no encoding
        return chars * 3 > maxBytes && utf8Length() > maxBytes;
    }

    private long utf8Length() {
        return (key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length)
                + (long) value.getBytes(StandardCharsets.UTF_8).length;
    }
}
