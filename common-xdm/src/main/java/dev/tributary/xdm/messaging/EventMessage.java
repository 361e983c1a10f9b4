package dev.tributary.xdm.messaging;

import tools.jackson.databind.JsonNode;

/** One validated experience event on {@code cdp.xdm.events.v1}; {@code event} is normalised. */
public record EventMessage(String sourceId, JsonNode event) {
}
