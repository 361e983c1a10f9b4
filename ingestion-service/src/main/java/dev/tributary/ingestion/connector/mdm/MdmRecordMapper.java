package dev.tributary.ingestion.connector.mdm;

import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.xdm.json.XdmJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An MDM export's golden records to XDM account records (pure). A golden record becomes the account
 * {@code {goldenId}@{instanceId}.MDM} whose {@code identityMap.b2b_account} lists the source keys it links: the
 * cross-reference that joins those sources' accounts into one unified account. The file formats are in the README.
 */
final class MdmRecordMapper {

    /** One golden record of the export. */
    record GoldenRecord(String goldenId, String entity, String name, String domain, String website, String industry,
                        Long numberOfEmployees, BigDecimal annualRevenue, String currencyCode, String country,
                        String lastUpdated, List<String> sourceKeys) {
    }

    static final List<String> CSV_REQUIRED = List.of("golden_id", "entity", "name", "domain", "source_key");

    private MdmRecordMapper() {
    }

    /** One JSON object a line; blank lines skipped. A malformed line fails the whole read (a permanent failure). */
    static List<GoldenRecord> parseNdjson(String content) {
        Map<String, GoldenRecord> records = new LinkedHashMap<>();
        String[] lines = content.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode line;
            try {
                line = XdmJson.mapper().readTree(lines[i]);
            } catch (JacksonException e) {
                throw malformed(i + 1, "not JSON: " + e.getOriginalMessage());
            }
            if (line == null || !line.isObject()) {
                throw malformed(i + 1, "not a JSON object");
            }
            String goldenId = text(line, "goldenId");
            if (goldenId == null || goldenId.isBlank()) {
                throw malformed(i + 1, "goldenId is required");
            }
            List<String> keys = new ArrayList<>();
            JsonNode sourceKeys = line.get("sourceKeys");
            if (sourceKeys != null && !sourceKeys.isNull()) {
                if (!sourceKeys.isArray()) {
                    throw malformed(i + 1, "sourceKeys must be an array of source keys");
                }
                for (JsonNode key : sourceKeys) {
                    if (!key.isString()) {
                        throw malformed(i + 1, "sourceKeys must be an array of source keys");
                    }
                    keys.add(key.stringValue());
                }
            }
            JsonNode employees = line.get("numberOfEmployees");
            JsonNode revenue = line.get("annualRevenue");
            if (employees != null && !employees.isNull() && !employees.isIntegralNumber()) {
                throw malformed(i + 1, "numberOfEmployees must be a whole number");
            }
            if (revenue != null && !revenue.isNull() && !revenue.isNumber()) {
                throw malformed(i + 1, "annualRevenue must be a number");
            }
            GoldenRecord record = new GoldenRecord(goldenId, entity(text(line, "entity"), i + 1), text(line, "name"),
                    text(line, "domain"), text(line, "website"), text(line, "industry"),
                    employees == null || employees.isNull() ? null : employees.longValue(),
                    revenue == null || revenue.isNull() ? null : revenue.decimalValue(), text(line, "currencyCode"),
                    text(line, "country"), text(line, "lastUpdated"), List.copyOf(new LinkedHashSet<>(keys)));
            if (records.put(goldenId, record) != null) {
                throw malformed(i + 1, "goldenId '" + goldenId + "' appears twice");
            }
        }
        return List.copyOf(records.values());
    }

    /**
     * A header line, then one row per source key of a golden record: {@code golden_id,entity,name,domain,source_key},
     * optionally {@code website,industry,number_of_employees,annual_revenue,currency_code,country,last_updated}.
     * A golden record's attributes are taken from its first row.
     */
    static List<GoldenRecord> parseCsv(String content) {
        List<List<String>> rows = Csv.parse(content);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        for (String column : CSV_REQUIRED) {
            if (!header.contains(column)) {
                throw malformed(1, "the header lacks column " + column + " (it needs " + String.join(",", CSV_REQUIRED) + ")");
            }
        }
        Map<String, GoldenRecord> records = new LinkedHashMap<>();
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw malformed(r + 1, row.size() + " columns where the header has " + header.size());
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String cell = row.get(c).trim();
                cells.put(header.get(c), cell.isEmpty() ? null : cell);
            }
            String goldenId = cells.get("golden_id");
            if (goldenId == null) {
                throw malformed(r + 1, "golden_id is required");
            }
            int line = r + 1;
            records.computeIfAbsent(goldenId, id -> new GoldenRecord(id, entity(cells.get("entity"), line), cells.get("name"),
                    cells.get("domain"), cells.get("website"), cells.get("industry"),
                    number(cells.get("number_of_employees"), line, "number_of_employees") == null ? null
                            : number(cells.get("number_of_employees"), line, "number_of_employees").longValueExact(),
                    number(cells.get("annual_revenue"), line, "annual_revenue"), cells.get("currency_code"),
                    cells.get("country"), cells.get("last_updated"), List.of()));
            Set<String> linked = keys.computeIfAbsent(goldenId, id -> new LinkedHashSet<>());
            if (cells.get("source_key") != null) {
                linked.add(cells.get("source_key"));
            }
        }
        List<GoldenRecord> result = new ArrayList<>();
        records.forEach((id, g) -> result.add(new GoldenRecord(g.goldenId(), g.entity(), g.name(), g.domain(), g.website(),
                g.industry(), g.numberOfEmployees(), g.annualRevenue(), g.currencyCode(), g.country(), g.lastUpdated(),
                List.copyOf(keys.get(id)))));
        return result;
    }

    /**
     * The account record of a golden record.
     *
     * @param readAt its {@code lastUpdatedDate} when the export gives none: the golden record changed since the last read
     */
    static ObjectNode toRecord(GoldenRecord golden, String instanceId, Instant readAt) {
        ObjectNode line = XdmJson.mapper().createObjectNode();
        line.put("class", "account");
        ObjectNode data = line.putObject("data");
        data.put("accountKey", accountKey(golden.goldenId(), instanceId));
        if (golden.name() != null) {
            data.put("accountName", golden.name());
        }
        if (golden.domain() != null || golden.website() != null || golden.industry() != null
                || golden.numberOfEmployees() != null || golden.annualRevenue() != null) {
            ObjectNode organization = data.putObject("accountOrganization");
            putIfSet(organization, "domain", golden.domain());
            putIfSet(organization, "website", golden.website());
            putIfSet(organization, "industry", golden.industry());
            if (golden.numberOfEmployees() != null) {
                organization.put("numberOfEmployees", golden.numberOfEmployees());
            }
            if (golden.annualRevenue() != null) {
                ObjectNode revenue = organization.putObject("annualRevenue");
                revenue.put("amount", golden.annualRevenue());
                revenue.put("currencyCode", golden.currencyCode() == null ? "USD" : golden.currencyCode());
            }
        }
        if (golden.country() != null) {
            data.putObject("accountBillingAddress").put("country", golden.country());
        }
        ArrayNode linked = data.putObject("identityMap").putArray("b2b_account");
        golden.sourceKeys().forEach(key -> linked.addObject().put("id", key));
        data.putObject("extSourceSystemAudit").put("lastUpdatedDate",
                golden.lastUpdated() != null ? golden.lastUpdated() : readAt.toString());
        return line;
    }

    /** The record that removes a golden record gone from the export. */
    static ObjectNode deletion(String goldenId, String instanceId, Instant readAt) {
        ObjectNode line = XdmJson.mapper().createObjectNode();
        line.put("class", "account");
        ObjectNode data = line.putObject("data");
        data.put("accountKey", accountKey(goldenId, instanceId));
        data.put("isDeleted", true);
        data.putObject("extSourceSystemAudit").put("lastUpdatedDate", readAt.toString());
        return line;
    }

    static String accountKey(String goldenId, String instanceId) {
        return goldenId + "@" + instanceId + ".MDM";
    }

    private static String entity(String entity, int line) {
        if (entity != null && !entity.equalsIgnoreCase("account")) {
            throw malformed(line, "entity '" + entity + "' is not supported: an MDM export holds golden accounts");
        }
        return "account";
    }

    private static BigDecimal number(String text, int line, String column) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw malformed(line, column + " is not a number: '" + text + "'");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.isString() ? value.stringValue() : value.toString();
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static ConnectorException malformed(int line, String message) {
        return ConnectorException.permanent("the MDM export is malformed at line " + line + ": " + message);
    }

    /** RFC 4180: comma-separated, fields in double quotes may hold commas, quotes ("") and line breaks. */
    static final class Csv {

        private Csv() {
        }

        static List<List<String>> parse(String content) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            if (content.startsWith("\uFEFF")) {
                i = 1;
            }
            for (; i < content.length(); i++) {
                char c = content.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < content.length() && content.charAt(i + 1) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < content.length() && content.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    cell.append(c);
                }
            }
            if (quoted) {
                throw ConnectorException.permanent("the MDM export is malformed: a quoted CSV field is not closed");
            }
            if (cell.length() > 0 || !row.isEmpty()) {
                row.add(cell.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
