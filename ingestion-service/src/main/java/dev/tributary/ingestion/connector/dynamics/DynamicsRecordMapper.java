package dev.tributary.ingestion.connector.dynamics;

import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tributary.ingestion.connector.RowFields.domain;
import static dev.tributary.ingestion.connector.RowFields.putIfNotNull;
import static dev.tributary.ingestion.connector.RowFields.putText;
import static dev.tributary.ingestion.connector.RowFields.text;

/**
 * Dataverse rows as the Web API answers them -> XDM batch lines. Pure. Keys are {@code id@instanceId.Dynamics};
 * {@code modifiedon} is the fragment's {@code lastUpdatedDate}. An opportunity is won when {@code statecode} is 1,
 * closed when 1 or 2; its amount is {@code actualvalue} when won, else {@code estimatedvalue}; its parent contact
 * becomes an opportunityPerson keyed {@code {opportunityid}.parentcontact} (one per opportunity, so a changed parent
 * contact replaces it and a removed one deletes it). Option sets are read through their formatted values.
 */
public final class DynamicsRecordMapper {

    static final String SOURCE_TYPE = "Dynamics";
    static final String FORMATTED = "@OData.Community.Display.V1.FormattedValue";
    static final String LOOKUP_NAME = "@Microsoft.Dynamics.CRM.lookuplogicalname";
    private static final String CURRENCY = "USD";

    /** Primary key and the columns each entity set selects besides it and modifiedon. */
    static final Map<String, List<String>> COLUMNS = Map.of(
            "accounts", List.of("accountid", "name", "websiteurl", "industrycode", "numberofemployees", "revenue",
                    "address1_country", "_parentaccountid_value"),
            "contacts", List.of("contactid", "firstname", "lastname", "emailaddress1", "jobtitle", "address1_country",
                    "_parentcustomerid_value"),
            "opportunities", List.of("opportunityid", "name", "_customerid_value", "_parentaccountid_value",
                    "_parentcontactid_value", "estimatedvalue", "actualvalue", "actualclosedate", "estimatedclosedate",
                    "statecode"));

    private final String instanceId;

    public DynamicsRecordMapper(String instanceId) {
        this.instanceId = instanceId;
    }

    static String primaryKey(String entitySet) {
        return COLUMNS.get(entitySet).get(0);
    }

    /** The XDM lines of one row of {@code entitySet}: one, or two for an opportunity (itself and its parent contact). */
    public List<ObjectNode> map(String entitySet, JsonNode row) {
        String lastUpdated = instant(text(row, "modifiedon")).toString();
        List<ObjectNode> lines = new ArrayList<>();
        switch (entitySet) {
            case "accounts" -> lines.add(account(row));
            case "contacts" -> lines.add(contact(row));
            case "opportunities" -> {
                lines.add(opportunity(row));
                lines.add(parentContact(row));
            }
            default -> throw new IllegalArgumentException("no XDM class for Dataverse entity set " + entitySet);
        }
        lines.forEach(line -> ((ObjectNode) line.get("data")).putObject("extSourceSystemAudit").put("lastUpdatedDate", lastUpdated));
        return lines;
    }

    /**
     * The lines retracting a row change tracking reports deleted ({@code $deletedEntity}): it carries no modification
     * time, so {@code deletedAt} (when the connector learnt of it) orders the deletion after the row's last version.
     */
    public List<ObjectNode> deleted(String entitySet, String id, Instant deletedAt) {
        List<ObjectNode> lines = new ArrayList<>();
        switch (entitySet) {
            case "accounts" -> lines.add(deletion("account", "accountKey", id));
            case "contacts" -> lines.add(deletion("person", "personKey", id));
            case "opportunities" -> {
                lines.add(deletion("opportunity", "opportunityKey", id));
                lines.add(deletion("opportunityPerson", "opportunityPersonKey", id + ".parentcontact"));
            }
            default -> throw new IllegalArgumentException("no XDM class for Dataverse entity set " + entitySet);
        }
        lines.forEach(line -> ((ObjectNode) line.get("data")).putObject("extSourceSystemAudit").put("lastUpdatedDate", deletedAt.toString()));
        return lines;
    }

    private ObjectNode deletion(String xdmClass, String keyField, String id) {
        ObjectNode line = line(xdmClass);
        ((ObjectNode) line.get("data")).put(keyField, key(id)).put("isDeleted", true);
        return line;
    }

    static Instant instant(String dateTime) {
        return OffsetDateTime.parse(dateTime).toInstant();
    }

    private ObjectNode account(JsonNode row) {
        ObjectNode line = line("account");
        ObjectNode data = (ObjectNode) line.get("data");
        data.put("accountKey", key(text(row, "accountid")));
        putText(data, "accountName", row, "name");
        ObjectNode org = XdmJson.mapper().createObjectNode();
        String website = text(row, "websiteurl");
        if (website != null) {
            putIfNotNull(org, "domain", domain(website));
            if (website.matches("(?i)https?://.*")) {
                org.put("website", website);
            }
        }
        putText(org, "industry", row, "industrycode" + FORMATTED);
        if (row.path("numberofemployees").isNumber()) {
            org.put("numberOfEmployees", row.get("numberofemployees").longValue());
        }
        if (row.path("revenue").isNumber()) {
            money(org.putObject("annualRevenue"), row.get("revenue"));
        }
        if (!org.isEmpty()) {
            data.set("accountOrganization", org);
        }
        if (text(row, "address1_country") != null) {
            data.putObject("accountBillingAddress").put("country", text(row, "address1_country"));
        }
        if (text(row, "_parentaccountid_value") != null) {
            data.put("accountParentKey", key(text(row, "_parentaccountid_value")));
        }
        return line;
    }

    private ObjectNode contact(JsonNode row) {
        ObjectNode line = line("person");
        ObjectNode data = (ObjectNode) line.get("data");
        data.put("personKey", key(text(row, "contactid")));
        String lookup = text(row, "_parentcustomerid_value" + LOOKUP_NAME);
        if (text(row, "_parentcustomerid_value") != null && (lookup == null || lookup.equals("account"))) {
            data.put("accountKey", key(text(row, "_parentcustomerid_value")));
        }
        if (text(row, "emailaddress1") != null) {
            data.putObject("workEmail").put("address", text(row, "emailaddress1"));
        }
        ObjectNode name = XdmJson.mapper().createObjectNode();
        putText(name, "firstName", row, "firstname");
        putText(name, "lastName", row, "lastname");
        if (!name.isEmpty()) {
            data.putObject("person").set("name", name);
        }
        if (text(row, "jobtitle") != null) {
            data.putObject("extendedWorkDetails").put("jobTitle", text(row, "jobtitle"));
        }
        if (text(row, "address1_country") != null) {
            data.putObject("workAddress").put("country", text(row, "address1_country"));
        }
        return line;
    }

    private ObjectNode opportunity(JsonNode row) {
        ObjectNode line = line("opportunity");
        ObjectNode data = (ObjectNode) line.get("data");
        data.put("opportunityKey", key(text(row, "opportunityid")));
        String account = text(row, "_parentaccountid_value");
        String customerLookup = text(row, "_customerid_value" + LOOKUP_NAME);
        if (account == null && (customerLookup == null || customerLookup.equals("account"))) {
            account = text(row, "_customerid_value");
        }
        if (account != null) {
            data.put("accountKey", key(account));
        }
        putText(data, "opportunityName", row, "name");
        int state = row.path("statecode").asInt(0);
        boolean won = state == 1;
        boolean closed = state == 1 || state == 2;
        data.put("opportunityStage", won ? "Closed Won" : state == 2 ? "Closed Lost" : "Open");
        data.put("isWon", won);
        data.put("isClosed", closed);
        JsonNode amount = won && row.path("actualvalue").isNumber() ? row.get("actualvalue") : row.get("estimatedvalue");
        if (amount != null && amount.isNumber()) {
            money(data.putObject("opportunityAmount"), amount);
        }
        if (closed && text(row, "actualclosedate") != null) {
            data.put("actualCloseDate", text(row, "actualclosedate").substring(0, 10));
        }
        if (!closed && text(row, "estimatedclosedate") != null) {
            data.put("expectedCloseDate", text(row, "estimatedclosedate").substring(0, 10));
        }
        return line;
    }

    private ObjectNode parentContact(JsonNode row) {
        ObjectNode line = line("opportunityPerson");
        ObjectNode data = (ObjectNode) line.get("data");
        String opportunityId = text(row, "opportunityid");
        data.put("opportunityPersonKey", key(opportunityId + ".parentcontact"));
        String contact = text(row, "_parentcontactid_value");
        if (contact == null) {
            data.put("isDeleted", true);
            return line;
        }
        data.put("opportunityKey", key(opportunityId));
        data.put("personKey", key(contact));
        data.put("isPrimary", true);
        return line;
    }

    private static ObjectNode line(String xdmClass) {
        ObjectNode line = XdmJson.mapper().createObjectNode();
        line.put("class", xdmClass);
        line.putObject("data");
        return line;
    }

    private String key(String id) {
        return id + "@" + instanceId + "." + SOURCE_TYPE;
    }

    private static void money(ObjectNode money, JsonNode amount) {
        money.put("amount", amount.decimalValue());
        money.put("currencyCode", CURRENCY);
    }
}
