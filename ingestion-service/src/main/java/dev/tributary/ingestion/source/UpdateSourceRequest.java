package dev.tributary.ingestion.source;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An edit of a source: each member given replaces what is stored, each absent one is kept. {@code config} replaces the
 * non-secret values (defaults applied) and the secrets it names; a secret it does not name is kept.
 * {@code "schedule": null} removes the schedule (manual runs only).
 */
public record UpdateSourceRequest(String name, ObjectNode config, JsonNode schedule) {

    @Override
    public String toString() {
        return "UpdateSourceRequest[name=" + name + "]";
    }
}
