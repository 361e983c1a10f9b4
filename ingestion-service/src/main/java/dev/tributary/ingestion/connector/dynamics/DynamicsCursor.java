package dev.tributary.ingestion.connector.dynamics;

import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.xdm.json.XdmJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where a stream's reading stands, stored as JSON text: {@code since} is the newest modifiedon published,
 * {@code seen} the ids published at exactly that stamp (skipped when the boundary is re-read; dropped past
 * {@link #MAX_SEEN}, which only means re-reading them), and {@code next} the @odata.nextLink while a query is paged.
 * With change tracking, {@code delta} is the @odata.deltaLink the next run starts from, and {@code since} is unused.
 */
record DynamicsCursor(Instant since, Set<String> seen, String next, String delta) {

    static final int MAX_SEEN = 1000;

    static DynamicsCursor parse(String text) {
        if (text == null || text.isBlank()) {
            return new DynamicsCursor(null, Set.of(), null, null);
        }
        try {
            JsonNode json = XdmJson.mapper().readTree(text);
            Set<String> seen = new LinkedHashSet<>();
            json.path("seen").forEach(id -> seen.add(id.asString()));
            Instant since = json.hasNonNull("since") ? Instant.parse(json.get("since").asString()) : null;
            String next = json.hasNonNull("next") ? json.get("next").asString() : null;
            String delta = json.hasNonNull("delta") ? json.get("delta").asString() : null;
            return new DynamicsCursor(since, seen, next, delta);
        } catch (JacksonException | java.time.format.DateTimeParseException e) {
            throw ConnectorException.permanent("the stored Dynamics cursor is not one this connector wrote: " + e.getMessage());
        }
    }

    String toJson() {
        ObjectNode json = XdmJson.mapper().createObjectNode();
        if (since != null) {
            json.put("since", since.toString());
        }
        if (seen.size() <= MAX_SEEN) {
            var ids = json.putArray("seen");
            seen.forEach(ids::add);
        }
        if (next != null) {
            json.put("next", next);
        }
        if (delta != null) {
            json.put("delta", delta);
        }
        return json.toString();
    }
}
