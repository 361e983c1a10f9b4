package dev.tributary.ingestion.sync;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * One run of a connector source.
 *
 * @param rejected the first 100 rejected records' errors: {@code [{"stream","errors":[...]}]}
 */
public record RunResponse(UUID id, UUID sourceId, String trigger, boolean fullSync, String status, Instant startedAt,
                          Instant finishedAt, long recordsRead, long recordsPublished, long recordsRejected,
                          long eventsPublished, long apiCalls, Long durationMs, String error, JsonNode rejected) {
}
