package dev.tributary.ingestion.connector.marketo;

import dev.tributary.ingestion.connector.ConnectorContext;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.Page;
import dev.tributary.ingestion.connector.SourceTask;
import dev.tributary.xdm.json.XdmJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** One run's reading of a Marketo instance: the streams of {@link MarketoSourceConnector#STREAMS}. */
final class MarketoTask implements SourceTask {

    /** Get Companies, Get Lists and list membership take at most 300 values or records per call. */
    static final int MAX_BATCH = 300;
    /** Where a full sync starts when neither {@code since} nor the oldest lead tells: Marketo's first year. */
    static final Instant EARLIEST = Instant.parse("2006-01-01T00:00:00Z");
    static final String COMPANY_FIELDS = "id,externalCompanyId,company,website,industry,numberOfEmployees,"
            + "billingCountry,createdAt,updatedAt";

    private final MarketoSettings settings;
    private final MarketoClient client;
    private final MarketoRecordMapper mapper;
    private final MarketoBulkReader bulk;
    private final MarketoProgramReader programs;
    private final MarketoOpportunityReader opportunities;
    private final MarketoListReader lists;
    private final Map<String, Long> companyIds = new HashMap<>();
    private Instant start;

    MarketoTask(MarketoSettings settings, String instanceId, ConnectorContext context) {
        this.settings = settings;
        this.client = new MarketoClient(settings.baseUrl(), settings.clientId(), settings.clientSecret(),
                settings.requestTimeout(), context);
        this.mapper = new MarketoRecordMapper(instanceId, settings.crm());
        this.bulk = new MarketoBulkReader(client, settings, context.clock());
        this.programs = new MarketoProgramReader(client, mapper);
        this.opportunities = new MarketoOpportunityReader(client, mapper);
        this.lists = new MarketoListReader(client, mapper);
    }

    @Override
    public void validate() {
        try {
            client.token();
        } catch (ConnectorException e) {
            if (e.kind() == ConnectorException.Kind.AUTHENTICATION) {
                throw ConnectorException.badConfig("clientSecret", "Marketo refused the client id and secret");
            }
            throw ConnectorException.badConfig("baseUrl", "Marketo's identity endpoint did not answer at baseUrl: "
                    + e.getMessage());
        }
        client.get("/v1/lists.json?batchSize=1");
    }

    @Override
    public Page read(String stream, String cursor) {
        JsonNode position = parseCursor(cursor);
        try {
            return switch (stream) {
                case "companies" -> companies(position);
                case "leads" -> bulk.read(new MarketoBulkReader.Spec("leads", "updatedAt", mapper.leadFields(), null,
                        this::leads), position, start());
                case "opportunities" -> opportunities.read(position);
                case "programs" -> programs.programs(position);
                case "programMembers" -> programs.members(position);
                case "staticLists" -> lists.staticLists(position);
                case "listMembers" -> lists.members(position);
                case "webVisits" -> bulk.read(new MarketoBulkReader.Spec("activities", "createdAt", null,
                        String.valueOf(MarketoRecordMapper.VISIT_WEBPAGE), this::webVisits), position, start());
                case "deletedLeads" -> bulk.read(new MarketoBulkReader.Spec("activities", "createdAt", null,
                        String.valueOf(MarketoRecordMapper.DELETE_LEAD), this::deletedLeads), position, start());
                default -> throw ConnectorException.permanent("Marketo has no stream '" + stream + "'");
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ConnectorException.permanent("malformed Marketo data in stream " + stream + ": " + e.getMessage());
        }
    }

    // ---- companies: Get Companies by blocks of 300 ids; only those changed since the last run are written ----

    private Page companies(JsonNode cursor) {
        long nextId = cursor == null ? 1 : cursor.path("nextId").asLong(1);
        String since = cursor == null ? null : cursor.path("since").asString(null);
        String maxSeen = cursor == null ? since : cursor.path("maxSeen").asString(since);
        String ids = LongStream.range(nextId, nextId + MAX_BATCH).mapToObj(Long::toString).collect(Collectors.joining(","));
        JsonNode result = client.get("/v1/companies.json?filterType=id&filterValues=" + ids + "&fields=" + COMPANY_FIELDS
                + "&batchSize=" + MAX_BATCH).path("result");
        List<ObjectNode> records = new ArrayList<>();
        for (JsonNode company : result) {
            String updatedAt = company.path("updatedAt").asString("");
            if (since == null || updatedAt.compareTo(since) >= 0) {
                records.add(mapper.company(company));
            }
            if (maxSeen == null || updatedAt.compareTo(maxSeen) > 0) {
                maxSeen = updatedAt;
            }
        }
        ObjectNode next = XdmJson.mapper().createObjectNode();
        putIfSet(next, "since", result.isEmpty() ? maxSeen : since);
        if (result.isEmpty()) {
            return Page.of(records, next.toString(), true);
        }
        next.put("nextId", nextId + MAX_BATCH);
        putIfSet(next, "maxSeen", maxSeen);
        return Page.of(records, next.toString(), false);
    }

    // ---- leads (bulk): persons, and accountPersons for leads with a role ----

    private Page leads(List<Map<String, String>> rows) {
        resolveCompanies(rows);
        List<ObjectNode> records = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String company = row.get("externalCompanyId");
            records.addAll(mapper.lead(row, company == null || company.isEmpty() ? null : companyIds.get(company)));
        }
        return Page.of(records, "", false);
    }

    /** Learns the Marketo ids of the companies the leads name by externalCompanyId, 300 per call, once per task. */
    private void resolveCompanies(List<Map<String, String>> rows) {
        Set<String> unknown = new LinkedHashSet<>();
        rows.forEach(row -> {
            String company = row.get("externalCompanyId");
            if (company != null && !company.isEmpty() && !companyIds.containsKey(company)) {
                unknown.add(company);
            }
        });
        List<String> values = new ArrayList<>(unknown);
        for (int i = 0; i < values.size(); i += MAX_BATCH) {
            List<String> batch = values.subList(i, Math.min(values.size(), i + MAX_BATCH));
            JsonNode result = client.get("/v1/companies.json?filterType=externalCompanyId&filterValues="
                    + batch.stream().map(MarketoClient::encode).collect(Collectors.joining(","))
                    + "&fields=id,externalCompanyId&batchSize=" + MAX_BATCH).path("result");
            result.forEach(company -> companyIds.put(company.get("externalCompanyId").asString(), company.get("id").asLong()));
        }
    }

    private Page webVisits(List<Map<String, String>> rows) {
        List<ObjectNode> events = new ArrayList<>();
        for (Map<String, String> row : rows) {
            if (String.valueOf(MarketoRecordMapper.VISIT_WEBPAGE).equals(row.get("activityTypeId"))) {
                events.add(mapper.webVisit(row, attributes(row.get("attributes"))));
            }
        }
        return new Page(List.of(), events, "", false);
    }

    private Page deletedLeads(List<Map<String, String>> rows) {
        List<ObjectNode> records = new ArrayList<>();
        for (Map<String, String> row : rows) {
            if (String.valueOf(MarketoRecordMapper.DELETE_LEAD).equals(row.get("activityTypeId"))) {
                records.add(mapper.deletedLead(row));
            }
        }
        return Page.of(records, "", false);
    }

    // ---- helpers ----

    /** Where a full sync starts: {@code since}, else the oldest of the first 300 lead ids' createdAt, else 2006. */
    private Instant start() {
        if (start == null) {
            start = settings.since();
        }
        if (start == null) {
            String ids = LongStream.rangeClosed(1, MAX_BATCH).mapToObj(Long::toString).collect(Collectors.joining(","));
            JsonNode result = client.get("/v1/leads.json?filterType=id&filterValues=" + ids + "&fields=createdAt&batchSize="
                    + MAX_BATCH).path("result");
            Instant oldest = null;
            for (JsonNode lead : result) {
                if (lead.hasNonNull("createdAt")) {
                    Instant created = Instant.parse(lead.get("createdAt").asString());
                    oldest = oldest == null || created.isBefore(oldest) ? created : oldest;
                }
            }
            start = oldest != null ? oldest : EARLIEST;
        }
        return start;
    }

    private static JsonNode attributes(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        try {
            return XdmJson.mapper().readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("an activity's attributes are not JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return XdmJson.mapper().readTree(cursor);
        } catch (JacksonException e) {
            throw ConnectorException.permanent("the stored cursor is not a Marketo cursor: " + e.getOriginalMessage());
        }
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
