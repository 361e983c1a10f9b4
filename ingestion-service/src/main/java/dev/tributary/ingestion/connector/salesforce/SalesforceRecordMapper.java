package dev.tributary.ingestion.connector.salesforce;

import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static dev.tributary.ingestion.connector.RowFields.domain;
import static dev.tributary.ingestion.connector.RowFields.putIfNotNull;
import static dev.tributary.ingestion.connector.RowFields.putText;
import static dev.tributary.ingestion.connector.RowFields.text;

/**
 * Salesforce rows as the REST API answers them -> XDM batch lines ({@code {"class", "data"}}). Pure. Keys are
 * {@code Id@instanceId.Salesforce}; {@code SystemModstamp} is the fragment's {@code lastUpdatedDate}; a row with
 * {@code IsDeleted = true} becomes its key with {@code isDeleted: true}. Amounts are in the org's currency, taken as
 * USD (the connector does not read {@code CurrencyIsoCode}, which exists only in multi-currency orgs).
 */
public final class SalesforceRecordMapper {

    static final String SOURCE_TYPE = "Salesforce";
    private static final String CURRENCY = "USD";
    /** {@code 2013-05-07T22:07:19.000+0000}. */
    private static final DateTimeFormatter SALESFORCE_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX][XX]");

    /** The fields each stream selects besides Id, IsDeleted and SystemModstamp. */
    static final Map<String, List<String>> FIELDS = Map.of(
            "Account", List.of("Name", "Website", "Industry", "NumberOfEmployees", "AnnualRevenue", "BillingCountry", "ParentId"),
            "Contact", List.of("AccountId", "FirstName", "LastName", "Email", "Title", "MailingCountry"),
            "Lead", List.of("FirstName", "LastName", "Email", "Title", "Country", "IsConverted", "ConvertedContactId"),
            "Opportunity", List.of("AccountId", "Name", "Amount", "CloseDate", "StageName", "IsClosed", "IsWon"),
            "OpportunityContactRole", List.of("OpportunityId", "ContactId", "Role", "IsPrimary"),
            "Campaign", List.of("Name", "Type", "Status"),
            "CampaignMember", List.of("CampaignId", "ContactId", "LeadId", "Status", "HasResponded", "CreatedDate"));

    private static final Map<String, String[]> CLASSES = Map.of(
            "Account", new String[] {"account", "accountKey"},
            "Contact", new String[] {"person", "personKey"},
            "Lead", new String[] {"person", "personKey"},
            "Opportunity", new String[] {"opportunity", "opportunityKey"},
            "OpportunityContactRole", new String[] {"opportunityPerson", "opportunityPersonKey"},
            "Campaign", new String[] {"campaign", "campaignKey"},
            "CampaignMember", new String[] {"campaignMember", "campaignMemberKey"});

    private final String instanceId;

    public SalesforceRecordMapper(String instanceId) {
        this.instanceId = instanceId;
    }

    /** The XDM line of one row of {@code object}. */
    public ObjectNode map(String object, JsonNode row) {
        String[] xdm = CLASSES.get(object);
        if (xdm == null) {
            throw new IllegalArgumentException("no XDM class for Salesforce object " + object);
        }
        ObjectNode line = XdmJson.mapper().createObjectNode();
        line.put("class", xdm[0]);
        ObjectNode data = line.putObject("data");
        data.put(xdm[1], key(text(row, "Id")));
        if (row.path("IsDeleted").asBoolean(false)) {
            data.put("isDeleted", true);
        } else {
            switch (object) {
                case "Account" -> account(row, data);
                case "Contact" -> contact(row, data);
                case "Lead" -> lead(row, data);
                case "Opportunity" -> opportunity(row, data);
                case "OpportunityContactRole" -> contactRole(row, data);
                case "Campaign" -> campaign(row, data);
                default -> campaignMember(row, data);
            }
        }
        ObjectNode audit = data.get("extSourceSystemAudit") instanceof ObjectNode existing ? existing : data.putObject("extSourceSystemAudit");
        audit.put("lastUpdatedDate", instant(text(row, "SystemModstamp")).toString());
        return line;
    }

    /** {@code SystemModstamp} and the like as an instant. */
    static Instant instant(String salesforceDateTime) {
        return OffsetDateTime.parse(salesforceDateTime, SALESFORCE_DATE_TIME).toInstant();
    }

    private void account(JsonNode row, ObjectNode data) {
        putText(data, "accountName", row, "Name");
        ObjectNode org = XdmJson.mapper().createObjectNode();
        String website = text(row, "Website");
        if (website != null) {
            putIfNotNull(org, "domain", domain(website));
            if (website.matches("(?i)https?://.*")) {
                org.put("website", website);
            }
        }
        putText(org, "industry", row, "Industry");
        if (row.path("NumberOfEmployees").isNumber()) {
            org.put("numberOfEmployees", row.get("NumberOfEmployees").longValue());
        }
        if (row.path("AnnualRevenue").isNumber()) {
            money(org.putObject("annualRevenue"), row.get("AnnualRevenue"));
        }
        if (!org.isEmpty()) {
            data.set("accountOrganization", org);
        }
        country(data, "accountBillingAddress", row, "BillingCountry");
        putKey(data, "accountParentKey", row, "ParentId");
    }

    private void contact(JsonNode row, ObjectNode data) {
        putKey(data, "accountKey", row, "AccountId");
        personFields(row, data, "MailingCountry");
    }

    /** A lead is a person; a converted lead names its contact as externalKey, which links the two (ADR 0029). */
    private void lead(JsonNode row, ObjectNode data) {
        personFields(row, data, "Country");
        if (row.path("IsConverted").asBoolean(false) && text(row, "ConvertedContactId") != null) {
            data.putObject("extSourceSystemAudit").put("externalKey", key(text(row, "ConvertedContactId")));
        }
    }

    private void personFields(JsonNode row, ObjectNode data, String countryField) {
        if (text(row, "Email") != null) {
            data.putObject("workEmail").put("address", text(row, "Email"));
        }
        ObjectNode name = XdmJson.mapper().createObjectNode();
        putText(name, "firstName", row, "FirstName");
        putText(name, "lastName", row, "LastName");
        if (!name.isEmpty()) {
            data.putObject("person").set("name", name);
        }
        if (text(row, "Title") != null) {
            data.putObject("extendedWorkDetails").put("jobTitle", text(row, "Title"));
        }
        country(data, "workAddress", row, countryField);
    }

    private void opportunity(JsonNode row, ObjectNode data) {
        putKey(data, "accountKey", row, "AccountId");
        putText(data, "opportunityName", row, "Name");
        putText(data, "opportunityStage", row, "StageName");
        boolean closed = row.path("IsClosed").asBoolean(false);
        data.put("isWon", row.path("IsWon").asBoolean(false));
        data.put("isClosed", closed);
        if (row.path("Amount").isNumber()) {
            money(data.putObject("opportunityAmount"), row.get("Amount"));
        }
        putText(data, closed ? "actualCloseDate" : "expectedCloseDate", row, "CloseDate");
    }

    private void contactRole(JsonNode row, ObjectNode data) {
        putKey(data, "opportunityKey", row, "OpportunityId");
        putKey(data, "personKey", row, "ContactId");
        putText(data, "personRole", row, "Role");
        data.put("isPrimary", row.path("IsPrimary").asBoolean(false));
    }

    private void campaign(JsonNode row, ObjectNode data) {
        putText(data, "campaignName", row, "Name");
        putText(data, "campaignType", row, "Type");
        putText(data, "campaignStatus", row, "Status");
    }

    private void campaignMember(JsonNode row, ObjectNode data) {
        putKey(data, "campaignKey", row, "CampaignId");
        putKey(data, "personKey", row, text(row, "ContactId") != null ? "ContactId" : "LeadId");
        putText(data, "memberStatus", row, "Status");
        if (text(row, "CreatedDate") != null) {
            data.put("membershipDate", instant(text(row, "CreatedDate")).toString());
        }
        data.put("hasResponded", row.path("HasResponded").asBoolean(false));
    }

    private String key(String id) {
        return id + "@" + instanceId + "." + SOURCE_TYPE;
    }

    private void putKey(ObjectNode data, String field, JsonNode row, String idField) {
        String id = text(row, idField);
        if (id != null) {
            data.put(field, key(id));
        }
    }

    private static void money(ObjectNode money, JsonNode amount) {
        money.put("amount", amount.decimalValue());
        money.put("currencyCode", CURRENCY);
    }

    private static void country(ObjectNode data, String field, JsonNode row, String countryField) {
        if (text(row, countryField) != null) {
            data.putObject(field).put("country", text(row, countryField));
        }
    }
}
