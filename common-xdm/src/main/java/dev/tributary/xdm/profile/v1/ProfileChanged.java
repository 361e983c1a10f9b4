package dev.tributary.xdm.profile.v1;

import java.time.Instant;
import java.util.List;

/**
 * A unified profile ({@code entityType} "person" or "account") changed; {@code reasons} name what changed.
 *
 * @param changes exactly what changed, when the producer knows it and every reason is described by it:
 *                the profile's own merged attributes, or a related fact changed in place. Absent (null)
 *                means anything about the profile may have changed (a new or merged profile, new links,
 *                new events), and a consumer must assume so. An empty {@code fields} list says a reason
 *                was re-examined and nothing a consumer can read changed.
 */
public record ProfileChanged(String entityType, String profileId, List<String> reasons, Instant occurredAt,
                             List<Change> changes) {

    public static final String TYPE = "profile.changed";

    /** A change without details: consumers must assume anything about the profile changed. */
    public ProfileChanged(String entityType, String profileId, List<String> reasons, Instant occurredAt) {
        this(entityType, profileId, reasons, occurredAt, null);
    }

    /**
     * One described change.
     *
     * @param fact   {@code "person"} or {@code "account"} for the profile's own merged attributes (then
     *               {@code id} is null), or the type of a related fact changed in place, e.g.
     *               {@code "opportunity"} with its source key as {@code id}
     * @param id     the related fact's id in the {@code profile_read} views, null for own attributes
     * @param fields the {@code profile_read} view columns whose value changed
     */
    public record Change(String fact, String id, List<String> fields) {

        public Change {
            fields = List.copyOf(fields);
        }

        public static Change attributes(String entityType, List<String> fields) {
            return new Change(entityType, null, fields);
        }
    }
}
