package dev.tributary.ingestion.connector.marketo;

import dev.tributary.ingestion.connector.Page;
import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Static lists (Get Lists, paging token), written when changed since the last run, and the members of the changed
 * lists, 300 per read. A membership has no date of its own: it takes its list's updatedAt (ADR 0028).
 */
final class MarketoListReader {

    private final MarketoClient client;
    private final MarketoRecordMapper mapper;

    MarketoListReader(MarketoClient client, MarketoRecordMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /** Cursor {@code {"since", "maxSeen", "token"}}. */
    Page staticLists(JsonNode cursor) {
        String token = cursor == null ? null : cursor.path("token").asString(null);
        String since = cursor == null ? null : cursor.path("since").asString(null);
        String maxSeen = cursor == null ? since : cursor.path("maxSeen").asString(since);
        JsonNode body = client.get("/v1/lists.json?batchSize=" + MarketoTask.MAX_BATCH
                + (token == null ? "" : "&nextPageToken=" + MarketoClient.encode(token)));
        List<ObjectNode> records = new ArrayList<>();
        for (JsonNode list : body.path("result")) {
            String updatedAt = list.path("updatedAt").asString("");
            if (since == null || updatedAt.compareTo(since) >= 0) {
                records.add(mapper.staticList(list));
            }
            maxSeen = maxSeen == null || updatedAt.compareTo(maxSeen) > 0 ? updatedAt : maxSeen;
        }
        ObjectNode next = XdmJson.mapper().createObjectNode();
        String nextToken = body.path("nextPageToken").asString(null);
        if (!body.path("moreResult").asBoolean(false) || nextToken == null) {
            putIfSet(next, "since", maxSeen);
            return Page.of(records, next.toString(), true);
        }
        putIfSet(next, "since", since);
        putIfSet(next, "maxSeen", maxSeen);
        next.put("token", nextToken);
        return Page.of(records, next.toString(), false);
    }

    /**
     * Members of the lists changed since the last run, a page of 300 per read. The cursor holds the lists still to
     * read ({@code pending: [[id, updatedAt]]}) and the current list's paging token.
     */
    Page members(JsonNode cursor) {
        String since = cursor == null ? null : cursor.path("since").asString(null);
        ObjectNode next = XdmJson.mapper().createObjectNode();
        List<ObjectNode> records = new ArrayList<>();
        if (cursor == null || !cursor.has("pending")) {
            String maxSeen = since;
            List<JsonNode> changed = new ArrayList<>();
            String token = null;
            do {
                JsonNode body = client.get("/v1/lists.json?batchSize=" + MarketoTask.MAX_BATCH
                        + (token == null ? "" : "&nextPageToken=" + MarketoClient.encode(token)));
                for (JsonNode list : body.path("result")) {
                    String updatedAt = list.path("updatedAt").asString("");
                    if (since == null || updatedAt.compareTo(since) >= 0) {
                        changed.add(list);
                    }
                    maxSeen = maxSeen == null || updatedAt.compareTo(maxSeen) > 0 ? updatedAt : maxSeen;
                }
                token = body.path("moreResult").asBoolean(false) ? body.path("nextPageToken").asString(null) : null;
            } while (token != null);
            putIfSet(next, "since", since);
            putIfSet(next, "maxSeen", maxSeen);
            var pending = next.putArray("pending");
            changed.forEach(list -> pending.addArray().add(list.get("id").asLong()).add(list.path("updatedAt").asString("")));
            if (changed.isEmpty()) {
                return Page.of(records, finished(maxSeen), true);
            }
            return Page.of(records, next.toString(), false);
        }
        JsonNode pending = cursor.get("pending");
        String maxSeen = cursor.path("maxSeen").asString(since);
        if (pending.isEmpty()) {
            return Page.of(records, finished(maxSeen), true);
        }
        long listId = pending.get(0).get(0).asLong();
        String listUpdatedAt = pending.get(0).get(1).asString();
        String token = cursor.path("token").asString(null);
        JsonNode body = client.get("/v1/lists/" + listId + "/leads.json?fields=id&batchSize=" + MarketoTask.MAX_BATCH
                + (token == null ? "" : "&nextPageToken=" + MarketoClient.encode(token)));
        body.path("result").forEach(member -> records.add(mapper.listMember(listId, listUpdatedAt, member)));
        String nextToken = body.path("moreResult").asBoolean(false) ? body.path("nextPageToken").asString(null) : null;
        putIfSet(next, "since", since);
        putIfSet(next, "maxSeen", maxSeen);
        var rest = next.putArray("pending");
        for (int i = nextToken == null ? 1 : 0; i < pending.size(); i++) {
            rest.add(pending.get(i));
        }
        putIfSet(next, "token", nextToken);
        if (rest.isEmpty()) {
            return Page.of(records, finished(maxSeen), true);
        }
        return Page.of(records, next.toString(), false);
    }

    private static String finished(String maxSeen) {
        ObjectNode next = XdmJson.mapper().createObjectNode();
        putIfSet(next, "since", maxSeen);
        return next.toString();
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
