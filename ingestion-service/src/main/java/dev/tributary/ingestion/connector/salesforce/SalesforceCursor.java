package dev.tributary.ingestion.connector.salesforce;

import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.xdm.json.XdmJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where a stream's reading stands, stored as JSON text: {@code since} is the newest SystemModstamp published,
 * {@code seen} the Ids published at exactly that stamp (skipped when the boundary is re-read; dropped past
 * {@link #MAX_SEEN}, which only means re-reading them), and {@code next} the nextRecordsUrl while a query is paged.
 */
record SalesforceCursor(Instant since, Set<String> seen, String next) {

    static final int MAX_SEEN = 1000;

    static SalesforceCursor parse(String text) {
        if (text == null || text.isBlank()) {
            return new SalesforceCursor(null, Set.of(), null);
        }
        try {
            JsonNode json = XdmJson.mapper().readTree(text);
            Set<String> seen = new LinkedHashSet<>();
            json.path("seen").forEach(id -> seen.add(id.asString()));
            Instant since = json.hasNonNull("since") ? Instant.parse(json.get("since").asString()) : null;
            String next = json.hasNonNull("next") ? json.get("next").asString() : null;
            return new SalesforceCursor(since, seen, next);
        } catch (JacksonException | java.time.format.DateTimeParseException e) {
            throw ConnectorException.permanent("the stored Salesforce cursor is not one this connector wrote: " + e.getMessage());
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
        return json.toString();
    }
}
