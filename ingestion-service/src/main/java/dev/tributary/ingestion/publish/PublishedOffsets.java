package dev.tributary.ingestion.publish;

import java.util.Map;

/**
 * Where the broker stored the messages of one publish: per partition of the topic, their offsets in send order.
 *
 * @param offsetsByPartition partition number to offsets
 */
public record PublishedOffsets(Map<Integer, long[]> offsetsByPartition) {

    public static final PublishedOffsets NONE = new PublishedOffsets(Map.of());
}
