package dev.tributary.ingestion.connector.dynamics;

import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DynamicsRecordMapperTest {

    private final DynamicsRecordMapper mapper = new DynamicsRecordMapper("crm-2");

    private static JsonNode row(String json) {
        return XdmJson.mapper().readTree(json);
    }

    @Test
    void shouldMapAnAccountReadingTheIndustryFromItsFormattedValue() {
        List<ObjectNode> lines = mapper.map("accounts", row("""
                {"@odata.etag":"W/\\"1001\\"","accountid":"acc-2001","name":"Townsend Manufacturing","websiteurl":"https://townsend.com",
                 "industrycode":12,"industrycode@OData.Community.Display.V1.FormattedValue":"Manufacturing","numberofemployees":5200,
                 "revenue":1000000,"address1_country":"US","modifiedon":"2026-10-01T09:00:00Z"}"""));

        JsonNode data = lines.get(0).get("data");
        assertThat(lines).hasSize(1);
        assertThat(data.get("accountKey").asString()).isEqualTo("acc-2001@crm-2.Dynamics");
        assertThat(data.at("/accountOrganization/industry").asString()).isEqualTo("Manufacturing");
        assertThat(data.at("/accountOrganization/domain").asString()).isEqualTo("townsend.com");
        assertThat(data.at("/accountOrganization/annualRevenue/amount").decimalValue()).isEqualByComparingTo("1000000");
        assertThat(data.at("/accountBillingAddress/country").asString()).isEqualTo("US");
        assertThat(data.at("/extSourceSystemAudit/lastUpdatedDate").asString()).isEqualTo("2026-10-01T09:00:00Z");
    }

    @Test
    void shouldLinkAContactToItsParentCustomerOnlyWhenThatIsAnAccount() {
        JsonNode ofAccount = mapper.map("contacts", row("""
                {"contactid":"con-2002","emailaddress1":"p2@townsend.com","_parentcustomerid_value":"acc-2001",
                 "_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"account","modifiedon":"2026-10-01T09:00:00Z"}"""))
                .get(0).get("data");
        JsonNode ofContact = mapper.map("contacts", row("""
                {"contactid":"con-9","_parentcustomerid_value":"con-2002",
                 "_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"contact","modifiedon":"2026-10-01T09:00:00Z"}"""))
                .get(0).get("data");

        assertThat(ofAccount.get("accountKey").asString()).isEqualTo("acc-2001@crm-2.Dynamics");
        assertThat(ofAccount.at("/workEmail/address").asString()).isEqualTo("p2@townsend.com");
        assertThat(ofContact.has("accountKey")).isFalse();
    }

    @Test
    void shouldTakeTheActualValueOfAWonOpportunityAndItsParentContactAsOpportunityPerson() {
        List<ObjectNode> lines = mapper.map("opportunities", row("""
                {"opportunityid":"opp-2001","name":"Opportunity 2","_customerid_value":"acc-2001","_parentaccountid_value":null,
                 "_parentcontactid_value":"con-2003","estimatedvalue":850000,"actualvalue":900000,"actualclosedate":"2026-08-31",
                 "statecode":1,"modifiedon":"2026-10-01T09:00:00Z"}"""));

        JsonNode opportunity = lines.get(0).get("data");
        JsonNode person = lines.get(1).get("data");
        assertThat(opportunity.get("accountKey").asString()).isEqualTo("acc-2001@crm-2.Dynamics");
        assertThat(opportunity.get("isWon").asBoolean()).isTrue();
        assertThat(opportunity.get("isClosed").asBoolean()).isTrue();
        assertThat(opportunity.get("opportunityStage").asString()).isEqualTo("Closed Won");
        assertThat(opportunity.at("/opportunityAmount/amount").decimalValue()).isEqualByComparingTo("900000");
        assertThat(opportunity.get("actualCloseDate").asString()).isEqualTo("2026-08-31");
        assertThat(lines.get(1).get("class").asString()).isEqualTo("opportunityPerson");
        assertThat(person.get("opportunityPersonKey").asString()).isEqualTo("opp-2001.parentcontact@crm-2.Dynamics");
        assertThat(person.get("personKey").asString()).isEqualTo("con-2003@crm-2.Dynamics");
        assertThat(person.get("opportunityKey").asString()).isEqualTo("opp-2001@crm-2.Dynamics");
    }

    @Test
    void shouldRetractADeletedOpportunityAndItsParentContactRoleAsOfWhenTheDeletionWasRead() {
        List<ObjectNode> lines = mapper.deleted("opportunities", "opp-2001", java.time.Instant.parse("2026-12-06T10:00:00Z"));

        assertThat(lines).extracting(line -> line.get("class").asString()).containsExactly("opportunity", "opportunityPerson");
        assertThat(lines.get(0).at("/data/opportunityKey").asString()).isEqualTo("opp-2001@crm-2.Dynamics");
        assertThat(lines.get(1).at("/data/opportunityPersonKey").asString()).isEqualTo("opp-2001.parentcontact@crm-2.Dynamics");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.at("/data/isDeleted").asBoolean()).isTrue();
            assertThat(line.at("/data/extSourceSystemAudit/lastUpdatedDate").asString()).isEqualTo("2026-12-06T10:00:00Z");
        });
    }

    @Test
    void shouldTakeTheEstimatedValueOfAnOpenOrLostOpportunityAndDeleteAnAbsentParentContact() {
        List<ObjectNode> open = mapper.map("opportunities", row("""
                {"opportunityid":"opp-1","_parentaccountid_value":"acc-1","estimatedvalue":50000,"actualvalue":null,
                 "estimatedclosedate":"2027-02-01","statecode":0,"modifiedon":"2026-10-01T09:00:00Z"}"""));
        JsonNode lost = mapper.map("opportunities", row("""
                {"opportunityid":"opp-2","estimatedvalue":70000,"actualvalue":0,"statecode":2,"modifiedon":"2026-10-01T09:00:00Z"}"""))
                .get(0).get("data");

        JsonNode openData = open.get(0).get("data");
        assertThat(openData.get("isClosed").asBoolean()).isFalse();
        assertThat(openData.get("opportunityStage").asString()).isEqualTo("Open");
        assertThat(openData.at("/opportunityAmount/amount").decimalValue()).isEqualByComparingTo("50000");
        assertThat(openData.get("expectedCloseDate").asString()).isEqualTo("2027-02-01");
        assertThat(open.get(1).at("/data/isDeleted").asBoolean()).as("no parent contact: the parent-contact role is gone").isTrue();
        assertThat(lost.get("isWon").asBoolean()).isFalse();
        assertThat(lost.get("isClosed").asBoolean()).isTrue();
        assertThat(lost.at("/opportunityAmount/amount").decimalValue()).isEqualByComparingTo("70000");
    }
}
