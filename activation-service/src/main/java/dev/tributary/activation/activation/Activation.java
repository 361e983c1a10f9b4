package dev.tributary.activation.activation;

import java.time.Instant;
import java.util.UUID;

/**
 * A segment followed into a list (Marketo) or audience (LinkedIn) of a destination.
 *
 * @param status  {@code starting} (list and backfill to do), {@code active}, {@code clearing} (stopping: removing what
 *                it sent), {@code stopped}
 * @param listId  the destination's id of the list, once found or created
 * @param audience the segment's: {@code person} or {@code account} (LinkedIn COMPANY segments only)
 */
public record Activation(UUID id, String segmentId, UUID destinationId, String listName, String listId, String status,
                         String lastError, boolean reconcileRequested, Instant createdAt, Instant updatedAt,
                         String audience) {

    public static final String STARTING = "starting";
    public static final String ACTIVE = "active";
    public static final String CLEARING = "clearing";
    public static final String STOPPED = "stopped";
}
