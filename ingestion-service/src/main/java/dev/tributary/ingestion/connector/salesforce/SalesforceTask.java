package dev.tributary.ingestion.connector.salesforce;

import dev.tributary.ingestion.connector.RowFields;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.Page;
import dev.tributary.ingestion.connector.SourceTask;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One run against one org. Each read is one call: the next page of the open query, or a new
 * {@code queryAll ... WHERE SystemModstamp >= since ORDER BY SystemModstamp, Id} (the boundary second is re-read;
 * rows already published at {@code since} are skipped by Id). A stale locator restarts from {@code since}.
 */
final class SalesforceTask implements SourceTask {

    private final SalesforceClient client;
    private final SalesforceRecordMapper mapper;

    SalesforceTask(SalesforceClient client, SalesforceRecordMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    @Override
    public void validate() {
        client.authenticate(true);
        try {
            client.probe("SELECT Id FROM Account LIMIT 1");
        } catch (ConnectorException e) {
            if (e.kind() == ConnectorException.Kind.PERMANENT && e.field() == null) {
                // 404 NOT_FOUND: no such API version; anything else: the connected app's run-as user may not query
                throw e.getMessage().contains("HTTP 404")
                        ? ConnectorException.badConfig("apiVersion", "Salesforce does not serve API version this source names: " + e.getMessage())
                        : ConnectorException.badConfig("clientId", "the connected app's run-as user cannot query Account: " + e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public Page read(String stream, String cursorText) {
        if (!SalesforceSourceConnector.STREAMS.contains(stream)) {
            throw ConnectorException.permanent("unknown Salesforce stream '" + stream + "'; streams are " + SalesforceSourceConnector.STREAMS);
        }
        SalesforceCursor cursor = SalesforceCursor.parse(cursorText);
        JsonNode page;
        if (cursor.next() != null) {
            try {
                page = client.next(cursor.next());
            } catch (SalesforceClient.StaleLocator e) {
                page = client.queryAll(soql(stream, cursor.since()));
            }
        } else {
            page = client.queryAll(soql(stream, cursor.since()));
        }
        List<ObjectNode> records = new ArrayList<>();
        Instant since = cursor.since();
        Set<String> seen = new LinkedHashSet<>(cursor.seen());
        for (JsonNode row : page.get("records")) {
            String id = RowFields.text(row, "Id");
            String stamp = RowFields.text(row, "SystemModstamp");
            if (id == null || stamp == null) {
                throw ConnectorException.permanent("Salesforce answered a " + stream + " row without Id or SystemModstamp");
            }
            Instant modified;
            try {
                modified = SalesforceRecordMapper.instant(stamp);
            } catch (RuntimeException e) {
                throw ConnectorException.permanent("Salesforce answered a " + stream + " row with an unreadable SystemModstamp");
            }
            boolean published = modified.equals(cursor.since()) && cursor.seen().contains(id);
            if (!published) {
                records.add(mapper.map(stream, row));
            }
            if (since == null || modified.isAfter(since)) {
                since = modified;
                seen.clear();
            }
            if (modified.equals(since)) {
                seen.add(id);
            }
        }
        boolean done = page.get("done").asBoolean();
        String next = done ? null : page.path("nextRecordsUrl").asString(null);
        if (!done && next == null) {
            throw ConnectorException.permanent("Salesforce answered an unfinished " + stream + " page without nextRecordsUrl");
        }
        return Page.of(records, new SalesforceCursor(since, seen, next).toJson(), done);
    }

    static String soql(String stream, Instant since) {
        StringBuilder soql = new StringBuilder("SELECT Id, IsDeleted, SystemModstamp");
        SalesforceRecordMapper.FIELDS.get(stream).forEach(field -> soql.append(", ").append(field));
        soql.append(" FROM ").append(stream);
        if (since != null) {
            // SOQL datetime literals carry whole seconds; the boundary second is re-read and deduplicated by Id
            soql.append(" WHERE SystemModstamp >= ").append(since.truncatedTo(ChronoUnit.SECONDS));
        }
        return soql.append(" ORDER BY SystemModstamp ASC, Id ASC").toString();
    }
}
