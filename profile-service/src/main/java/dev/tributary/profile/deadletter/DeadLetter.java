package dev.tributary.profile.deadletter;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;

/**
 * A message profile-service could not read or apply, as stored, with its raw value (UTF-8 text, as it was on the
 * topic) and the reason of its last failure.
 */
public record DeadLetter(long id, String topic, int partition, long offset, String key, String value, String reason,
                         Instant firstFailedAt, Instant lastFailedAt, int attempts, Status status, Instant replayedAt) {

    public enum Status {
        OPEN, REPLAYED;

        @JsonValue
        public String id() {
            return name().toLowerCase();
        }

        /** The status named {@code id} ({@code open}, {@code replayed}), empty for any other name. */
        public static java.util.Optional<Status> find(String id) {
            return java.util.Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
        }
    }

    /** The same without its raw value, for lists. */
    public record Summary(long id, String topic, int partition, long offset, String key, String reason,
                          Instant firstFailedAt, Instant lastFailedAt, int attempts, Status status, Instant replayedAt) {
    }
}
