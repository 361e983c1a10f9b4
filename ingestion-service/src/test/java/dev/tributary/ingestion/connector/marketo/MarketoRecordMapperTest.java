package dev.tributary.ingestion.connector.marketo;

import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.validation.XdmValidator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MarketoRecordMapperTest {

    private static final XdmValidator VALIDATOR = new XdmValidator();

    private final MarketoRecordMapper salesforceSynced =
            new MarketoRecordMapper("mkto-1", new MarketoRecordMapper.Crm("crm-1", "salesforce"));
    private final MarketoRecordMapper dynamicsSynced =
            new MarketoRecordMapper("mkto-2", new MarketoRecordMapper.Crm("crm-2", "dynamics"));

    @Test
    void shouldMapALeadOfACompanyToAPersonOfItsAccountLinkedToItsCrmContact() {
        List<ObjectNode> records = salesforceSynced.lead(row("id", "102", "email", "P2@Townsend.com ", "leadScore", "85",
                "unsubscribed", "false", "externalCompanyId", "001A1", "sfdcContactId", "003P2", "firstName", "Sam",
                "title", "Head of Manufacturing", "updatedAt", "2026-10-01T09:00:00Z"), 1L);

        assertThat(records).hasSize(1);
        assertThat(json(records.get(0))).isEqualTo(json("""
                {"class":"person","data":{"personKey":"102@mkto-1.Marketo","accountKey":"1@mkto-1.Marketo",
                "workEmail":{"address":"P2@Townsend.com "},"person":{"name":{"firstName":"Sam"}},
                "extendedWorkDetails":{"jobTitle":"Head of Manufacturing"},"personScore":85,
                "consents":{"marketing":{"email":{"val":"y"}}},
                "extSourceSystemAudit":{"lastUpdatedDate":"2026-10-01T09:00:00Z","externalKey":"003P2@crm-1.Salesforce"}}}"""));
        assertValid(records);
    }

    @Test
    void shouldMapALeadWithARoleToAnAccountPersonCarryingTheRoleInsteadOfAnAccountKey() {
        List<ObjectNode> records = dynamicsSynced.lead(row("id", "202", "email", "p3@townsend.com", "unsubscribed", "true",
                "leadRole", "Buyer", "externalCompanyId", "acc-2001", "msdContactId", "con-2003",
                "updatedAt", "2026-10-01T09:00:00Z"), 2L);

        assertThat(records).hasSize(2);
        JsonNode person = records.get(0).get("data");
        assertThat(person.has("accountKey")).isFalse();
        assertThat(person.at("/consents/marketing/email/val").asString()).isEqualTo("n");
        assertThat(person.at("/extSourceSystemAudit/externalKey").asString()).isEqualTo("con-2003@crm-2.Dynamics");
        assertThat(json(records.get(1))).isEqualTo(json("""
                {"class":"accountPerson","data":{"accountPersonKey":"ap-202@mkto-2.Marketo","accountKey":"2@mkto-2.Marketo",
                "personKey":"202@mkto-2.Marketo","personRole":"Buyer","isPrimary":true,"isActive":true,
                "extSourceSystemAudit":{"lastUpdatedDate":"2026-10-01T09:00:00Z"}}}"""));
        assertValid(records);
    }

    @Test
    void shouldLeaveConsentAndCrmLinkOutWhenTheLeadHasNone() {
        MarketoRecordMapper noCrm = new MarketoRecordMapper("mkto-9", null);
        JsonNode person = noCrm.lead(row("id", "7", "email", "a@b.com", "sfdcContactId", "003X",
                "updatedAt", "2026-10-01T09:00:00Z"), null).get(0).get("data");

        assertThat(person.has("consents")).isFalse();
        assertThat(person.has("accountKey")).isFalse();
        assertThat(person.at("/extSourceSystemAudit").has("externalKey")).isFalse();
    }

    @Test
    void shouldMapACompanyToAnAccountLinkedToItsCrmAccount() {
        ObjectNode company = (ObjectNode) json("""
                {"id":2,"externalCompanyId":"acc-2001","company":"Account 2","industry":"Manufacturing",
                "numberOfEmployees":5200,"billingCountry":"US","updatedAt":"2026-10-01T09:00:00Z"}""");

        ObjectNode account = dynamicsSynced.company(company);

        assertThat(json(account)).isEqualTo(json("""
                {"class":"account","data":{"accountKey":"2@mkto-2.Marketo","accountName":"Account 2",
                "accountOrganization":{"industry":"Manufacturing","numberOfEmployees":5200},
                "accountBillingAddress":{"country":"US"},
                "extSourceSystemAudit":{"lastUpdatedDate":"2026-10-01T09:00:00Z","externalKey":"acc-2001@crm-2.Dynamics"}}}"""));
        assertValid(List.of(account));
    }

    @Test
    void shouldMapStaticListsAndTheirMembers() {
        ObjectNode list = dynamicsSynced.staticList(json("""
                {"id":1,"name":"3D Printing Prospects","updatedAt":"2026-10-01T09:00:00Z"}"""));
        ObjectNode member = dynamicsSynced.listMember(1, "2026-10-01T09:00:00Z", json("{\"id\":202}"));

        assertThat(list.at("/data/marketingListKey").asString()).isEqualTo("ml-1@mkto-2.Marketo");
        assertThat(member.at("/data/marketingListKey").asString()).isEqualTo("ml-1@mkto-2.Marketo");
        assertThat(member.at("/data/personKey").asString()).isEqualTo("202@mkto-2.Marketo");
        assertThat(member.at("/data/marketingListMemberKey").asString()).isEqualTo("mlm-1-202@mkto-2.Marketo");
        assertValid(List.of(list, member));
    }

    @Test
    void shouldMapAnOpportunityOfACompanyAndItsRoleLinkedToTheCrmOpportunity() {
        ObjectNode opportunity = salesforceSynced.opportunity(json("""
                {"marketoGUID":"b2f4-1","externalOpportunityId":"006O1","externalCompanyId":"001A1","name":"Opportunity 1",
                "stage":"Closed Won","isWon":true,"isClosed":true,"amount":200000,"currencyCode":"USD",
                "closeDate":"2026-06-30","updatedAt":"2026-10-01T09:00:00Z"}"""), 1L);
        ObjectNode role = salesforceSynced.opportunityRole(json("""
                {"marketoGUID":"r-1","externalOpportunityId":"006O1","leadId":101,"role":"Decision Maker","isPrimary":true,
                "updatedAt":"2026-10-01T09:00:00Z"}"""), "b2f4-1");

        assertThat(json(opportunity)).isEqualTo(json("""
                {"class":"opportunity","data":{"opportunityKey":"b2f4-1@mkto-1.Marketo","accountKey":"1@mkto-1.Marketo",
                "opportunityName":"Opportunity 1","opportunityStage":"Closed Won","isWon":true,"isClosed":true,
                "opportunityAmount":{"amount":200000,"currencyCode":"USD"},"actualCloseDate":"2026-06-30",
                "extSourceSystemAudit":{"lastUpdatedDate":"2026-10-01T09:00:00Z","externalKey":"006O1@crm-1.Salesforce"}}}"""));
        assertThat(json(role)).isEqualTo(json("""
                {"class":"opportunityPerson","data":{"opportunityPersonKey":"r-1@mkto-1.Marketo",
                "opportunityKey":"b2f4-1@mkto-1.Marketo","personKey":"101@mkto-1.Marketo","personRole":"Decision Maker",
                "isPrimary":true,"extSourceSystemAudit":{"lastUpdatedDate":"2026-10-01T09:00:00Z"}}}"""));
        assertValid(List.of(opportunity, role));
    }

    @Test
    void shouldMapAProgramToACampaignAndAMembershipToACampaignMember() {
        ObjectNode campaign = salesforceSynced.program(json("""
                {"id":1044,"name":"Connected Car Webinar","type":"Event","channel":"Webinar","status":"",
                "updatedAt":"2026-09-20T10:00:00Z"}"""));
        ObjectNode member = salesforceSynced.programMember(1044, json("""
                {"leadId":102,"statusName":"Attended","reachedSuccess":true,"membershipDate":"2026-09-15T16:00:00Z",
                "updatedAt":"2026-09-16T08:00:00Z"}"""));

        assertThat(json(campaign)).isEqualTo(json("""
                {"class":"campaign","data":{"campaignKey":"1044@mkto-1.Marketo","campaignName":"Connected Car Webinar",
                "campaignType":"Webinar","extSourceSystemAudit":{"lastUpdatedDate":"2026-09-20T10:00:00Z"}}}"""));
        assertThat(json(member)).isEqualTo(json("""
                {"class":"campaignMember","data":{"campaignMemberKey":"1044-102@mkto-1.Marketo",
                "campaignKey":"1044@mkto-1.Marketo","personKey":"102@mkto-1.Marketo","memberStatus":"Attended",
                "membershipDate":"2026-09-15T16:00:00Z","hasResponded":true,
                "extSourceSystemAudit":{"lastUpdatedDate":"2026-09-16T08:00:00Z"}}}"""));
        assertValid(List.of(campaign, member));
    }

    @Test
    void shouldMapAVisitWebpageActivityToAPageViewIdentifiedByItsMarketoGuid() {
        ObjectNode event = salesforceSynced.webVisit(row("marketoGUID", "6d6b746f-0000-0000-0000-000000000001",
                "leadId", "102", "activityDate", "2026-11-16T10:00:00Z", "activityTypeId", "1",
                "primaryAttributeValue", "bodea.com/products/new"), json("{\"Webpage URL\":\"https://bodea.com/products/new\"}"));

        assertThat(json(event)).isEqualTo(json("""
                {"_id":"6d6b746f-0000-0000-0000-000000000001","timestamp":"2026-11-16T10:00:00Z",
                "eventType":"web.webpagedetails.pageViews","personKey":"102@mkto-1.Marketo",
                "web":{"webPageDetails":{"URL":"https://bodea.com/products/new"}}}"""));
        assertThat(VALIDATOR.validateEvent(event).valid()).isTrue();
    }

    @Test
    void shouldMapADeleteLeadActivityToTheDeletionOfThePerson() {
        ObjectNode deleted = salesforceSynced.deletedLead(row("marketoGUID", "g", "leadId", "101",
                "activityDate", "2026-11-20T08:00:00Z", "activityTypeId", "37"));

        assertThat(json(deleted)).isEqualTo(json("""
                {"class":"person","data":{"personKey":"101@mkto-1.Marketo","isDeleted":true,
                "extSourceSystemAudit":{"lastUpdatedDate":"2026-11-20T08:00:00Z"}}}"""));
        assertValid(List.of(deleted));
    }

    private static void assertValid(List<ObjectNode> lines) {
        for (ObjectNode line : lines) {
            assertThat(VALIDATOR.validateRecord(line.get("class").asString(), line.get("data")).errors())
                    .as(line.toString()).isEmpty();
        }
    }

    private static Map<String, String> row(String... pairs) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put(pairs[i], pairs[i + 1]);
        }
        return row;
    }

    /** Through text, as the framework sends a line: numbers compare by value. */
    static JsonNode json(Object value) {
        return XdmJson.mapper().readTree(value.toString());
    }
}
