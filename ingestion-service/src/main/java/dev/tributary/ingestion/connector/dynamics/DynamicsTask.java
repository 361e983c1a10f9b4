package dev.tributary.ingestion.connector.dynamics;

import dev.tributary.ingestion.connector.HttpCalls;
import dev.tributary.ingestion.connector.RowFields;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.Page;
import dev.tributary.ingestion.connector.SourceTask;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One run against one Dataverse environment. Each read is one call: the page the stored nextLink names, or a new
 * query {@code $filter=modifiedon ge since&$orderby=modifiedon asc,<pk> asc} (the boundary second is re-read; rows
 * already published at {@code since} are skipped by id).
 */
final class DynamicsTask implements SourceTask {

    private final DynamicsClient client;
    private final DynamicsRecordMapper mapper;
    private final boolean changeTracking;
    private final Clock clock;

    DynamicsTask(DynamicsClient client, DynamicsRecordMapper mapper, boolean changeTracking, Clock clock) {
        this.client = client;
        this.mapper = mapper;
        this.changeTracking = changeTracking;
        this.clock = clock;
    }

    @Override
    public void validate() {
        client.authenticate(true);
        client.query("accounts", "$select=accountid", true);
    }

    @Override
    public Page read(String stream, String cursorText) {
        if (!DynamicsSourceConnector.STREAMS.contains(stream)) {
            throw ConnectorException.permanent("unknown Dynamics stream '" + stream + "'; streams are " + DynamicsSourceConnector.STREAMS);
        }
        DynamicsCursor cursor = DynamicsCursor.parse(cursorText);
        if (changeTracking) {
            return readChanges(stream, cursor);
        }
        JsonNode page = cursor.next() != null ? client.next(cursor.next()) : client.query(stream, options(stream, cursor.since()), false);
        String pk = DynamicsRecordMapper.primaryKey(stream);
        List<ObjectNode> records = new ArrayList<>();
        Instant since = cursor.since();
        Set<String> seen = new LinkedHashSet<>(cursor.seen());
        for (JsonNode row : page.get("value")) {
            String id = RowFields.text(row, pk);
            String stamp = RowFields.text(row, "modifiedon");
            Instant modified;
            try {
                modified = id == null || stamp == null ? null : DynamicsRecordMapper.instant(stamp);
            } catch (RuntimeException e) {
                modified = null;
            }
            if (modified == null) {
                throw ConnectorException.permanent("Dataverse answered a " + stream + " row without " + pk + " or a readable modifiedon");
            }
            if (!(modified.equals(cursor.since()) && cursor.seen().contains(id))) {
                records.addAll(mapper.map(stream, row));
            }
            if (since == null || modified.isAfter(since)) {
                since = modified;
                seen.clear();
            }
            if (modified.equals(since)) {
                seen.add(id);
            }
        }
        String next = page.path("@odata.nextLink").asString(null);
        return Page.of(records, new DynamicsCursor(since, seen, next, null).toJson(), next == null);
    }

    /**
     * Change tracking: a first run reads every row and ends with a delta link; later runs read that link, which
     * answers the rows changed since and the ones deleted ({@code $deletedEntity}), and the next delta link.
     */
    private Page readChanges(String stream, DynamicsCursor cursor) {
        String link = cursor.next() != null ? cursor.next() : cursor.delta();
        JsonNode page = link != null ? client.next(link) : client.query(stream, trackedOptions(stream), false);
        String pk = DynamicsRecordMapper.primaryKey(stream);
        Instant now = clock.instant();
        List<ObjectNode> records = new ArrayList<>();
        for (JsonNode row : page.get("value")) {
            if (row.has("reason") && row.path("@odata.context").asString("").endsWith("$deletedEntity")) {
                String id = RowFields.text(row, "id");
                if (id == null) {
                    throw ConnectorException.permanent("Dataverse answered a deleted " + stream + " entry without id");
                }
                records.addAll(mapper.deleted(stream, id, now));
            } else if (RowFields.text(row, pk) == null || RowFields.text(row, "modifiedon") == null) {
                throw ConnectorException.permanent("Dataverse answered a " + stream + " row without " + pk + " or modifiedon");
            } else {
                records.addAll(mapper.map(stream, row));
            }
        }
        String next = page.path("@odata.nextLink").asString(null);
        String delta = page.path("@odata.deltaLink").asString(null);
        if (next == null && delta == null) {
            throw ConnectorException.permanent("Dataverse answered a tracked " + stream + " page without nextLink or deltaLink: "
                    + "is change tracking enabled for the table?");
        }
        return Page.of(records, new DynamicsCursor(null, Set.of(), next, next == null ? delta : cursor.delta()).toJson(), next == null);
    }

    static String trackedOptions(String stream) {
        return "$select=" + String.join(",", DynamicsRecordMapper.COLUMNS.get(stream)) + ",modifiedon";
    }

    static String options(String stream, Instant since) {
        String pk = DynamicsRecordMapper.primaryKey(stream);
        StringBuilder options = new StringBuilder("$select=").append(String.join(",", DynamicsRecordMapper.COLUMNS.get(stream)))
                .append(",modifiedon");
        if (since != null) {
            options.append("&$filter=").append(HttpCalls.encode("modifiedon ge " + since.truncatedTo(ChronoUnit.SECONDS)));
        }
        return options.append("&$orderby=").append(HttpCalls.encode("modifiedon asc," + pk + " asc")).toString();
    }
}
