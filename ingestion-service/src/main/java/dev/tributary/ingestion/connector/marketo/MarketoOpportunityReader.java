package dev.tributary.ingestion.connector.marketo;

import dev.tributary.ingestion.connector.Page;
import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Opportunities and their roles. Marketo reads them only by filter values, so a read takes the next block of 300
 * company ids, learns their externalCompanyIds, reads those companies' opportunities by externalCompanyId, then the
 * roles of those opportunities by externalOpportunityId (ADR 0028). Records changed at or after the last run's
 * highest updatedAt are written; the scan ends at the first empty block. Cursor {@code {"since", "nextId", "maxSeen"}}.
 */
final class MarketoOpportunityReader {

    static final String OPPORTUNITY_FIELDS = "marketoGUID,externalOpportunityId,externalCompanyId,name,type,stage,"
            + "isWon,isClosed,amount,currencyCode,closeDate,expectedCloseDate,createdAt,updatedAt";
    static final String ROLE_FIELDS = "marketoGUID,externalOpportunityId,leadId,role,isPrimary,createdAt,updatedAt";

    private final MarketoClient client;
    private final MarketoRecordMapper mapper;

    MarketoOpportunityReader(MarketoClient client, MarketoRecordMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    Page read(JsonNode cursor) {
        long nextId = cursor == null ? 1 : cursor.path("nextId").asLong(1);
        String since = text(cursor, "since");
        String[] maxSeen = {cursor != null && cursor.has("maxSeen") ? text(cursor, "maxSeen") : since};
        String ids = LongStream.range(nextId, nextId + MarketoTask.MAX_BATCH).mapToObj(Long::toString)
                .collect(Collectors.joining(","));
        JsonNode companies = client.get("/v1/companies.json?filterType=id&filterValues=" + ids
                + "&fields=id,externalCompanyId&batchSize=" + MarketoTask.MAX_BATCH).path("result");
        List<ObjectNode> records = new ArrayList<>();
        Map<String, Long> companyIds = new HashMap<>();
        companies.forEach(company -> {
            if (company.hasNonNull("externalCompanyId")) {
                companyIds.put(company.get("externalCompanyId").asString(), company.get("id").asLong());
            }
        });
        Map<String, String> guidByExternalId = new HashMap<>();
        query("/v1/opportunities.json", "externalCompanyId", List.copyOf(companyIds.keySet()), OPPORTUNITY_FIELDS,
                opportunity -> {
                    String updatedAt = opportunity.path("updatedAt").asString("");
                    if (opportunity.hasNonNull("externalOpportunityId")) {
                        guidByExternalId.put(opportunity.get("externalOpportunityId").asString(),
                                opportunity.get("marketoGUID").asString());
                    }
                    if (since == null || updatedAt.compareTo(since) >= 0) {
                        records.add(mapper.opportunity(opportunity,
                                companyIds.get(opportunity.path("externalCompanyId").asString(""))));
                    }
                    maxSeen[0] = later(maxSeen[0], updatedAt);
                });
        query("/v1/opportunities/roles.json", "externalOpportunityId", List.copyOf(guidByExternalId.keySet()), ROLE_FIELDS,
                role -> {
                    String updatedAt = role.path("updatedAt").asString("");
                    if (since == null || updatedAt.compareTo(since) >= 0) {
                        records.add(mapper.opportunityRole(role,
                                guidByExternalId.get(role.path("externalOpportunityId").asString(""))));
                    }
                    maxSeen[0] = later(maxSeen[0], updatedAt);
                });
        ObjectNode next = XdmJson.mapper().createObjectNode();
        if (companies.isEmpty()) {
            put(next, "since", maxSeen[0]);
            return Page.of(records, next.toString(), true);
        }
        put(next, "since", since);
        put(next, "maxSeen", maxSeen[0]);
        next.put("nextId", nextId + MarketoTask.MAX_BATCH);
        return Page.of(records, next.toString(), false);
    }

    /** Every record matching the values, 300 values per call, following paging tokens. */
    private void query(String path, String filterType, List<String> values, String fields, Consumer<JsonNode> each) {
        for (int i = 0; i < values.size(); i += MarketoTask.MAX_BATCH) {
            String filter = values.subList(i, Math.min(values.size(), i + MarketoTask.MAX_BATCH)).stream()
                    .map(MarketoClient::encode).collect(Collectors.joining(","));
            String token = null;
            do {
                JsonNode body = client.get(path + "?filterType=" + filterType + "&filterValues=" + filter + "&fields="
                        + fields + "&batchSize=" + MarketoTask.MAX_BATCH
                        + (token == null ? "" : "&nextPageToken=" + MarketoClient.encode(token)));
                body.path("result").forEach(each);
                token = body.path("moreResult").asBoolean(false) ? text(body, "nextPageToken") : null;
            } while (token != null);
        }
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
