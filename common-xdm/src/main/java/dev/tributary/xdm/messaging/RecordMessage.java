package dev.tributary.xdm.messaging;

import tools.jackson.databind.JsonNode;

/**
 * One validated XDM record on {@code cdp.xdm.records.v1}; {@code data} is the normalised record
 * and {@code line} its 1-based line in the ingested batch.
 */
public record RecordMessage(String sourceId, String batchId, int line, String xdmClass, JsonNode data) {
}
