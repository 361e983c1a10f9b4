package dev.tributary.ingestion.connector.marketo;

import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Native Marketo records (REST JSON, or bulk CSV rows as field maps) to XDM batch lines {@code {"class", "data"}} and
 * experience events. Pure: no I/O. Keys are {@code {id}@{instanceId}.Marketo}; CRM ids become
 * {@code extSourceSystemAudit.externalKey} of the CRM instance the Marketo instance syncs with (ADR 0028).
 */
final class MarketoRecordMapper {

    static final String SYSTEM = "Marketo";
    static final int VISIT_WEBPAGE = 1;
    static final int DELETE_LEAD = 37;
    static final String PAGE_VIEW = "web.webpagedetails.pageViews";

    /** The CRM a Marketo instance syncs with: its instance id and type, or null for none. */
    record Crm(String instanceId, String type) {

        String system() {
            return "dynamics".equals(type) ? "Dynamics" : "Salesforce";
        }

        /** The lead field that holds the CRM contact id (Marketo's native Salesforce field; the emulator's for Dynamics). */
        String contactIdField() {
            return "dynamics".equals(type) ? "msdContactId" : "sfdcContactId";
        }

        String key(String id) {
            return id + "@" + instanceId + "." + system();
        }
    }

    private final String instanceId;
    private final Crm crm;

    MarketoRecordMapper(String instanceId, Crm crm) {
        this.instanceId = instanceId;
        this.crm = crm;
    }

    String key(Object id) {
        return id + "@" + instanceId + "." + SYSTEM;
    }

    /** The lead fields a bulk lead extract asks for. */
    List<String> leadFields() {
        List<String> fields = new ArrayList<>(List.of("id", "email", "firstName", "lastName", "title", "leadScore",
                "unsubscribed", "externalCompanyId", "leadRole", "createdAt", "updatedAt"));
        if (crm != null) {
            fields.add(crm.contactIdField());
        }
        return fields;
    }

    /**
     * A lead as a person; with a {@code leadRole} and a company, also the accountPerson that carries the role (the
     * person then names no account itself). {@code companyId} is the Marketo id of the lead's company, or null.
     */
    List<ObjectNode> lead(Map<String, String> lead, Long companyId) {
        String id = required(lead, "id");
        ObjectNode data = object();
        data.put("personKey", key(id));
        String role = text(lead, "leadRole");
        if (companyId != null && role == null) {
            data.put("accountKey", key(companyId));
        }
        if (text(lead, "email") != null) {
            data.putObject("workEmail").put("address", lead.get("email"));
        }
        if (text(lead, "firstName") != null || text(lead, "lastName") != null) {
            ObjectNode name = data.putObject("person").putObject("name");
            putText(name, "firstName", text(lead, "firstName"));
            putText(name, "lastName", text(lead, "lastName"));
        }
        if (text(lead, "title") != null) {
            data.putObject("extendedWorkDetails").put("jobTitle", text(lead, "title"));
        }
        if (text(lead, "leadScore") != null) {
            data.put("personScore", new BigDecimal(text(lead, "leadScore")));
        }
        String unsubscribed = text(lead, "unsubscribed");
        if (unsubscribed != null) {
            data.putObject("consents").putObject("marketing").putObject("email")
                    .put("val", Boolean.parseBoolean(unsubscribed) ? "n" : "y");
        }
        String crmId = crm == null ? null : text(lead, crm.contactIdField());
        audit(data, text(lead, "updatedAt"), crmId == null ? null : crm.key(crmId));
        List<ObjectNode> records = new ArrayList<>();
        records.add(line("person", data));
        if (companyId != null && role != null) {
            ObjectNode relation = object();
            relation.put("accountPersonKey", key("ap-" + id));
            relation.put("accountKey", key(companyId));
            relation.put("personKey", key(id));
            relation.put("personRole", role);
            relation.put("isPrimary", true);
            relation.put("isActive", true);
            audit(relation, text(lead, "updatedAt"), null);
            records.add(line("accountPerson", relation));
        }
        return records;
    }

    /** A Delete Lead activity (type 37) as the person's deletion. */
    ObjectNode deletedLead(Map<String, String> activity) {
        ObjectNode data = object();
        data.put("personKey", key(required(activity, "leadId")));
        data.put("isDeleted", true);
        audit(data, text(activity, "activityDate"), null);
        return line("person", data);
    }

    /** A company (Get Companies JSON) as an account; its externalCompanyId is the CRM account's id. */
    ObjectNode company(JsonNode company) {
        ObjectNode data = object();
        data.put("accountKey", key(company.get("id").asString()));
        putText(data, "accountName", json(company, "company"));
        ObjectNode organization = object();
        putText(organization, "website", json(company, "website"));
        putText(organization, "industry", json(company, "industry"));
        if (company.hasNonNull("numberOfEmployees")) {
            organization.put("numberOfEmployees", company.get("numberOfEmployees").asLong());
        }
        if (!organization.isEmpty()) {
            data.set("accountOrganization", organization);
        }
        if (json(company, "billingCountry") != null) {
            data.putObject("accountBillingAddress").put("country", json(company, "billingCountry"));
        }
        String crmId = crm == null ? null : json(company, "externalCompanyId");
        audit(data, json(company, "updatedAt"), crmId == null ? null : crm.key(crmId));
        return line("account", data);
    }

    /** A static list (Get Lists JSON) as a marketing list {@code ml-{id}}. */
    ObjectNode staticList(JsonNode list) {
        ObjectNode data = object();
        data.put("marketingListKey", key("ml-" + list.get("id").asString()));
        putText(data, "marketingListName", json(list, "name"));
        audit(data, json(list, "updatedAt"), null);
        return line("marketingList", data);
    }

    /** A lead's membership of a static list; dated by the list's last change (memberships carry no date). */
    ObjectNode listMember(long listId, String listUpdatedAt, JsonNode member) {
        String leadId = member.get("id").asString();
        ObjectNode data = object();
        data.put("marketingListMemberKey", key("mlm-" + listId + "-" + leadId));
        data.put("marketingListKey", key("ml-" + listId));
        data.put("personKey", key(leadId));
        audit(data, listUpdatedAt, null);
        return line("marketingListMember", data);
    }

    /**
     * An opportunity (Get Opportunities JSON) keyed by its marketoGUID, of the account of its company (Marketo id, or
     * null); its externalOpportunityId is the CRM opportunity's id. A closed opportunity's closeDate is its actual
     * close date, an open one's its expected one.
     */
    ObjectNode opportunity(JsonNode opportunity, Long companyId) {
        ObjectNode data = object();
        data.put("opportunityKey", key(opportunity.get("marketoGUID").asString()));
        if (companyId != null) {
            data.put("accountKey", key(companyId));
        }
        putText(data, "opportunityName", json(opportunity, "name"));
        putText(data, "opportunityStage", json(opportunity, "stage"));
        boolean closed = opportunity.path("isClosed").asBoolean(false);
        if (opportunity.hasNonNull("isWon")) {
            data.put("isWon", opportunity.get("isWon").asBoolean());
        }
        if (opportunity.hasNonNull("isClosed")) {
            data.put("isClosed", closed);
        }
        if (opportunity.hasNonNull("amount")) {
            ObjectNode amount = data.putObject("opportunityAmount");
            amount.put("amount", new BigDecimal(opportunity.get("amount").asString()));
            putText(amount, "currencyCode", json(opportunity, "currencyCode"));
        }
        String closeDate = json(opportunity, "closeDate");
        putText(data, closed ? "actualCloseDate" : "expectedCloseDate", closeDate == null ? null : closeDate.substring(0, 10));
        String crmId = crm == null ? null : json(opportunity, "externalOpportunityId");
        audit(data, json(opportunity, "updatedAt"), crmId == null ? null : crm.key(crmId));
        return line("opportunity", data);
    }

    /** An opportunity role as an opportunityPerson, keyed by its marketoGUID; {@code opportunityGuid} may be null. */
    ObjectNode opportunityRole(JsonNode role, String opportunityGuid) {
        ObjectNode data = object();
        data.put("opportunityPersonKey", key(role.get("marketoGUID").asString()));
        if (opportunityGuid != null) {
            data.put("opportunityKey", key(opportunityGuid));
        }
        data.put("personKey", key(role.get("leadId").asString()));
        putText(data, "personRole", json(role, "role"));
        if (role.hasNonNull("isPrimary")) {
            data.put("isPrimary", role.get("isPrimary").asBoolean());
        }
        audit(data, json(role, "updatedAt"), null);
        return line("opportunityPerson", data);
    }

    /** A program (Get Programs JSON) as a campaign: its channel (Webinar, Tradeshow...) is the campaign's type. */
    ObjectNode program(JsonNode program) {
        ObjectNode data = object();
        data.put("campaignKey", key(program.get("id").asString()));
        putText(data, "campaignName", json(program, "name"));
        putText(data, "campaignType", json(program, "channel") != null ? json(program, "channel") : json(program, "type"));
        putText(data, "campaignStatus", json(program, "status"));
        audit(data, json(program, "updatedAt"), null);
        return line("campaign", data);
    }

    /** A lead's program membership as a campaign member {@code {programId}-{leadId}}; success is a response. */
    ObjectNode programMember(long programId, JsonNode member) {
        String leadId = member.get("leadId").asString();
        ObjectNode data = object();
        data.put("campaignMemberKey", key(programId + "-" + leadId));
        data.put("campaignKey", key(programId));
        data.put("personKey", key(leadId));
        putText(data, "memberStatus", json(member, "statusName"));
        putText(data, "membershipDate", json(member, "membershipDate"));
        if (member.hasNonNull("reachedSuccess")) {
            data.put("hasResponded", member.get("reachedSuccess").asBoolean());
        }
        audit(data, json(member, "updatedAt"), null);
        return line("campaignMember", data);
    }

    /** A Visit Webpage activity (type 1) as a page view; its marketoGUID is the event's id, so a re-read is idempotent. */
    ObjectNode webVisit(Map<String, String> activity, JsonNode attributes) {
        ObjectNode event = object();
        event.put("_id", required(activity, "marketoGUID"));
        event.put("timestamp", required(activity, "activityDate"));
        event.put("eventType", PAGE_VIEW);
        event.put("personKey", key(required(activity, "leadId")));
        String url = attributes != null && attributes.hasNonNull("Webpage URL") ? attributes.get("Webpage URL").asString()
                : "https://" + required(activity, "primaryAttributeValue");
        event.putObject("web").putObject("webPageDetails").put("URL", url);
        return event;
    }

    private static void audit(ObjectNode data, String lastUpdated, String externalKey) {
        ObjectNode audit = data.putObject("extSourceSystemAudit");
        putText(audit, "lastUpdatedDate", lastUpdated);
        putText(audit, "externalKey", externalKey);
    }

    private static ObjectNode line(String xdmClass, ObjectNode data) {
        ObjectNode line = object();
        line.put("class", xdmClass);
        line.set("data", data);
        return line;
    }

    private static ObjectNode object() {
        return XdmJson.mapper().createObjectNode();
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** A CSV value: empty is absent. */
    private static String text(Map<String, String> row, String field) {
        String value = row.get(field);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String required(Map<String, String> row, String field) {
        String value = text(row, field);
        if (value == null) {
            throw new IllegalArgumentException("'" + field + "' is empty");
        }
        return value;
    }

    private static String json(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asString().isEmpty() ? null : value.asString();
    }
}
