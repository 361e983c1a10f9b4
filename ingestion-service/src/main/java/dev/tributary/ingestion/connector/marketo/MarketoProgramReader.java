package dev.tributary.ingestion.connector.marketo;

import dev.tributary.ingestion.connector.Page;
import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Programs (Get Programs: offset paging, 200 at most, {@code earliestUpdatedAt} for the incremental read) and their
 * members (Get Program Members with {@code filterType=reachedSuccess&filterValues=true,false}, which every member
 * matches: the API has no unfiltered read). Members are re-read for every program each run and written when their
 * {@code updatedAt} is at or after the last run's highest.
 */
final class MarketoProgramReader {

    static final int MAX_RETURN = 200;

    private final MarketoClient client;
    private final MarketoRecordMapper mapper;

    MarketoProgramReader(MarketoClient client, MarketoRecordMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /** Cursor {@code {"since", "offset", "maxSeen"}}. */
    Page programs(JsonNode cursor) {
        String since = text(cursor, "since");
        String maxSeen = cursor != null && cursor.has("maxSeen") ? text(cursor, "maxSeen") : since;
        int offset = cursor == null ? 0 : cursor.path("offset").asInt(0);
        JsonNode result = page(offset, since);
        List<ObjectNode> records = new ArrayList<>();
        for (JsonNode program : result) {
            records.add(mapper.program(program));
            maxSeen = later(maxSeen, program.path("updatedAt").asString(""));
        }
        ObjectNode next = XdmJson.mapper().createObjectNode();
        if (result.size() < MAX_RETURN) {
            put(next, "since", maxSeen);
            return Page.of(records, next.toString(), true);
        }
        put(next, "since", since);
        put(next, "maxSeen", maxSeen);
        next.put("offset", offset + result.size());
        return Page.of(records, next.toString(), false);
    }

    /** Cursor {@code {"since", "maxSeen", "pending": [programId...], "token"}}; the first read lists the programs. */
    Page members(JsonNode cursor) {
        String since = text(cursor, "since");
        ObjectNode next = XdmJson.mapper().createObjectNode();
        if (cursor == null || !cursor.has("pending")) {
            ArrayNode pending = XdmJson.mapper().createArrayNode();
            for (int offset = 0; ; offset += MAX_RETURN) {
                JsonNode result = page(offset, null);
                result.forEach(program -> pending.add(program.get("id").asLong()));
                if (result.size() < MAX_RETURN) {
                    break;
                }
            }
            put(next, "since", since);
            put(next, "maxSeen", since);
            next.set("pending", pending);
            return Page.of(List.of(), next.toString(), false);
        }
        String maxSeen = text(cursor, "maxSeen");
        JsonNode pending = cursor.get("pending");
        List<ObjectNode> records = new ArrayList<>();
        String token = null;
        if (!pending.isEmpty()) {
            long programId = pending.get(0).asLong();
            String pageToken = text(cursor, "token");
            JsonNode body = client.get("/v1/programs/" + programId + "/members.json?filterType=reachedSuccess"
                    + "&filterValues=true,false&fields=leadId,statusName,reachedSuccess,membershipDate,updatedAt&batchSize="
                    + MarketoTask.MAX_BATCH + (pageToken == null ? "" : "&nextPageToken=" + MarketoClient.encode(pageToken)));
            for (JsonNode member : body.path("result")) {
                String updatedAt = member.path("updatedAt").asString("");
                if (since == null || updatedAt.compareTo(since) >= 0) {
                    records.add(mapper.programMember(programId, member));
                }
                maxSeen = later(maxSeen, updatedAt);
            }
            token = body.path("moreResult").asBoolean(false) ? text(body, "nextPageToken") : null;
        }
        ArrayNode rest = XdmJson.mapper().createArrayNode();
        for (int i = token == null ? 1 : 0; i < pending.size(); i++) {
            rest.add(pending.get(i));
        }
        if (rest.isEmpty()) {
            put(next, "since", maxSeen);
            return Page.of(records, next.toString(), true);
        }
        put(next, "since", since);
        put(next, "maxSeen", maxSeen);
        next.set("pending", rest);
        put(next, "token", token);
        return Page.of(records, next.toString(), false);
    }

    /** One page of programs; an empty result is Marketo's "No assets found" warning. */
    private JsonNode page(int offset, String earliestUpdatedAt) {
        return client.get("/asset/v1/programs.json?offset=" + offset + "&maxReturn=" + MAX_RETURN
                + (earliestUpdatedAt == null ? "" : "&earliestUpdatedAt=" + MarketoClient.encode(earliestUpdatedAt)))
                .path("result");
    }

    private static String later(String a, String b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field).asString();
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
