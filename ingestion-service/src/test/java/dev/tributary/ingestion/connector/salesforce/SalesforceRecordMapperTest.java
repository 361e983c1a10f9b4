package dev.tributary.ingestion.connector.salesforce;

import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SalesforceRecordMapperTest {

    private final SalesforceRecordMapper mapper = new SalesforceRecordMapper("crm-1");

    private static JsonNode row(String json) {
        return XdmJson.mapper().readTree(json);
    }

    @Test
    void shouldMapAnAccountWithItsDomainRevenueCountryAndParent() {
        ObjectNode line = mapper.map("Account", row("""
                {"attributes":{"type":"Account"},"Id":"001A1","IsDeleted":false,"SystemModstamp":"2026-10-01T09:00:00.000+0000",
                 "Name":"Townsend Inc.","Website":"https://www.Townsend.com/about","Industry":"Automotive","NumberOfEmployees":5400,
                 "AnnualRevenue":7.5E8,"BillingCountry":"US","ParentId":"001P0"}"""));

        assertThat(line.get("class").asString()).isEqualTo("account");
        JsonNode data = line.get("data");
        assertThat(data.get("accountKey").asString()).isEqualTo("001A1@crm-1.Salesforce");
        assertThat(data.at("/accountOrganization/domain").asString()).isEqualTo("townsend.com");
        assertThat(data.at("/accountOrganization/website").asString()).isEqualTo("https://www.Townsend.com/about");
        assertThat(data.at("/accountOrganization/numberOfEmployees").asLong()).isEqualTo(5400);
        assertThat(data.at("/accountOrganization/annualRevenue/amount").decimalValue()).isEqualByComparingTo("750000000");
        assertThat(data.at("/accountOrganization/annualRevenue/currencyCode").asString()).isEqualTo("USD");
        assertThat(data.at("/accountBillingAddress/country").asString()).isEqualTo("US");
        assertThat(data.get("accountParentKey").asString()).isEqualTo("001P0@crm-1.Salesforce");
        assertThat(data.at("/extSourceSystemAudit/lastUpdatedDate").asString()).isEqualTo("2026-10-01T09:00:00Z");
    }

    @Test
    void shouldKeepABareWebsiteAsTheDomainOnly() {
        JsonNode data = mapper.map("Account", row("""
                {"Id":"001A1","SystemModstamp":"2026-10-01T09:00:00.000+0000","Website":"townsend.com"}""")).get("data");

        assertThat(data.at("/accountOrganization/domain").asString()).isEqualTo("townsend.com");
        assertThat(data.at("/accountOrganization/website").isMissingNode()).isTrue();
    }

    @Test
    void shouldMapAContactToAPersonOfItsAccountLeavingOutWhatIsNull() {
        JsonNode data = mapper.map("Contact", row("""
                {"Id":"003P2","IsDeleted":false,"SystemModstamp":"2026-10-01T09:00:00.000+0000","AccountId":"001A1",
                 "FirstName":"Sam","LastName":"Two","Email":"p2@townsend.com","Title":null,"MailingCountry":null}""")).get("data");

        assertThat(data.get("personKey").asString()).isEqualTo("003P2@crm-1.Salesforce");
        assertThat(data.get("accountKey").asString()).isEqualTo("001A1@crm-1.Salesforce");
        assertThat(data.at("/workEmail/address").asString()).isEqualTo("p2@townsend.com");
        assertThat(data.at("/person/name/firstName").asString()).isEqualTo("Sam");
        assertThat(data.has("extendedWorkDetails")).isFalse();
        assertThat(data.has("workAddress")).isFalse();
    }

    @Test
    void shouldLinkAConvertedLeadToItsContactThroughTheExternalKey() {
        JsonNode converted = mapper.map("Lead", row("""
                {"Id":"00Q1","SystemModstamp":"2026-10-01T09:00:00.000+0000","Email":"p9@townsend.com","LastName":"Nine",
                 "IsConverted":true,"ConvertedContactId":"003P9"}""")).get("data");
        JsonNode open = mapper.map("Lead", row("""
                {"Id":"00Q2","SystemModstamp":"2026-10-01T09:00:00.000+0000","Email":"p8@townsend.com","IsConverted":false}""")).get("data");

        assertThat(converted.get("personKey").asString()).isEqualTo("00Q1@crm-1.Salesforce");
        assertThat(converted.at("/extSourceSystemAudit/externalKey").asString()).isEqualTo("003P9@crm-1.Salesforce");
        assertThat(converted.at("/extSourceSystemAudit/lastUpdatedDate").asString()).isEqualTo("2026-10-01T09:00:00Z");
        assertThat(open.at("/extSourceSystemAudit/externalKey").isMissingNode()).isTrue();
    }

    @Test
    void shouldPutTheCloseDateOfAClosedOpportunityAsActualAndOfAnOpenOneAsExpected() {
        JsonNode won = mapper.map("Opportunity", row("""
                {"Id":"006O1","SystemModstamp":"2026-10-01T09:00:00.000+0000","AccountId":"001A1","Name":"Opportunity 1",
                 "Amount":200000,"CloseDate":"2026-06-30","StageName":"Closed Won","IsClosed":true,"IsWon":true}""")).get("data");
        JsonNode open = mapper.map("Opportunity", row("""
                {"Id":"006O2","SystemModstamp":"2026-10-01T09:00:00.000+0000","CloseDate":"2027-01-31","StageName":"Prospecting",
                 "IsClosed":false,"IsWon":false}""")).get("data");

        assertThat(won.get("isWon").asBoolean()).isTrue();
        assertThat(won.get("actualCloseDate").asString()).isEqualTo("2026-06-30");
        assertThat(won.at("/opportunityAmount/amount").decimalValue()).isEqualByComparingTo("200000");
        assertThat(open.get("isClosed").asBoolean()).isFalse();
        assertThat(open.get("expectedCloseDate").asString()).isEqualTo("2027-01-31");
        assertThat(open.has("actualCloseDate")).isFalse();
        assertThat(open.has("opportunityAmount")).isFalse();
    }

    @Test
    void shouldMapContactRolesCampaignsAndMembersOfContactsOrLeads() {
        JsonNode role = mapper.map("OpportunityContactRole", row("""
                {"Id":"00OP1","SystemModstamp":"2026-10-01T09:00:00.000+0000","OpportunityId":"006O1","ContactId":"003P1",
                 "Role":"Decision Maker","IsPrimary":true}""")).get("data");
        JsonNode leadMember = mapper.map("CampaignMember", row("""
                {"Id":"00vM2","SystemModstamp":"2026-10-01T09:00:00.000+0000","CampaignId":"701C1","ContactId":null,"LeadId":"00Q1",
                 "Status":"Sent","HasResponded":false,"CreatedDate":"2026-09-15T16:00:00.000+0000"}""")).get("data");

        assertThat(role.get("opportunityKey").asString()).isEqualTo("006O1@crm-1.Salesforce");
        assertThat(role.get("personKey").asString()).isEqualTo("003P1@crm-1.Salesforce");
        assertThat(role.get("personRole").asString()).isEqualTo("Decision Maker");
        assertThat(leadMember.get("personKey").asString()).isEqualTo("00Q1@crm-1.Salesforce");
        assertThat(leadMember.get("membershipDate").asString()).isEqualTo("2026-09-15T16:00:00Z");
        assertThat(leadMember.get("hasResponded").asBoolean()).isFalse();
    }

    @Test
    void shouldMapADeletedRowToItsKeyMarkedDeleted() {
        ObjectNode line = mapper.map("Contact", row("""
                {"Id":"003P2","IsDeleted":true,"SystemModstamp":"2026-11-02T08:00:00.000+0000","Email":"p2@townsend.com"}"""));

        assertThat(line.get("data").propertyNames()).containsExactlyInAnyOrder("personKey", "isDeleted", "extSourceSystemAudit");
        assertThat(line.at("/data/isDeleted").asBoolean()).isTrue();
        assertThat(line.at("/data/extSourceSystemAudit/lastUpdatedDate").asString()).isEqualTo("2026-11-02T08:00:00Z");
    }

    @Test
    void shouldRefuseAnObjectItHasNoClassFor() {
        assertThatThrownBy(() -> mapper.map("Task", row("{\"Id\":\"00T1\"}"))).isInstanceOf(IllegalArgumentException.class);
    }
}
