package dev.tributary.emulators.marketo;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MarketoReadIT extends MarketoTestSupport {

    @Test
    void shouldFindCompaniesByIdOrExternalCompanyIdWithTheDefaultFields() {
        String token = token();
        marketo().seedCompany(1L, Map.of("externalCompanyId", "001A1", "company", "Account 1", "website", "https://townsend.com"));
        marketo().seedCompany(2L, Map.of("externalCompanyId", "001A2", "company", "Account 2"));

        Reply byId = get("/v1/companies.json?filterType=id&filterValues=1,3", token);
        Reply byExternal = get("/v1/companies.json?filterType=externalCompanyId&filterValues=001A2&fields=company,website", token);
        Reply noFilter = get("/v1/companies.json", token);

        assertThat(byId.json().get("result")).hasSize(1);
        JsonFields first = new JsonFields(byId.json().get("result").get(0));
        assertThat(first.names()).containsExactly("seq", "id", "externalCompanyId", "updatedAt", "createdAt");
        assertThat(byExternal.json().at("/result/0/id").asLong()).isEqualTo(2);
        assertThat(byExternal.json().at("/result/0/company").asString()).isEqualTo("Account 2");
        assertThat(byExternal.json().at("/result/0/website").isNull()).isTrue();
        assertThat(errorCode(noFilter)).isEqualTo("1002");
    }

    @Test
    void shouldPageStaticListsWithNextPageTokens() {
        String token = token();
        marketo().seedLead(202L, Map.of("email", "p3@townsend.com"));
        marketo().seedList(1, "3D Printing Prospects", List.of(202L));
        createList(token, "Second list");

        Reply first = get("/v1/lists.json?batchSize=1", token);
        Reply second = get("/v1/lists.json?batchSize=1&nextPageToken=" + first.json().get("nextPageToken").asString(), token);
        Reply members = get("/v1/lists/1/leads.json?fields=id", token);

        assertThat(first.json().get("moreResult").asBoolean()).isTrue();
        assertThat(first.json().at("/result/0/name").asString()).isEqualTo("3D Printing Prospects");
        assertThat(second.json().at("/result/0/name").asString()).isEqualTo("Second list");
        assertThat(second.json().get("moreResult").asBoolean()).isFalse();
        assertThat(members.json().at("/result/0/id").asLong()).isEqualTo(202);
    }

    @Test
    void shouldFindOpportunitiesByCompanyAndTheirRolesByOpportunity() {
        String token = token();
        String guid = marketo().seedOpportunity(Map.of("externalOpportunityId", "006O1", "externalCompanyId", "001A1",
                "name", "Opportunity 1", "amount", 200000));
        marketo().seedOpportunity(Map.of("externalOpportunityId", "006O9", "externalCompanyId", "001A9"));
        marketo().seedOpportunityRole(Map.of("externalOpportunityId", "006O1", "leadId", 101, "role", "Decision Maker"));

        Reply opportunities = get("/v1/opportunities.json?filterType=externalCompanyId&filterValues=001A1&fields=marketoGUID,name,amount", token);
        Reply roles = get("/v1/opportunities/roles.json?filterType=externalOpportunityId&filterValues=006O1", token);
        Reply badFilter = get("/v1/opportunities.json?filterType=name&filterValues=x", token);

        assertThat(opportunities.json().get("result")).hasSize(1);
        assertThat(opportunities.json().at("/result/0/marketoGUID").asString()).isEqualTo(guid);
        assertThat(opportunities.json().at("/result/0/amount").asInt()).isEqualTo(200000);
        assertThat(roles.json().at("/result/0/role").asString()).isEqualTo("Decision Maker");
        assertThat(roles.json().at("/result/0/leadId").asInt()).isEqualTo(101);
        assertThat(errorCode(badFilter)).isEqualTo("1003");
    }

    @Test
    void shouldPageProgramsByOffsetAndFindTheirMembersBySuccess() {
        String token = token();
        marketo().seedProgram(1044, Map.of("name", "Connected Car Webinar", "channel", "Webinar",
                "updatedAt", "2026-09-20T10:00:00Z"));
        marketo().seedProgram(1045, Map.of("name", "Tradeshow", "channel", "Tradeshow"));
        marketo().seedProgramMember(1044, 102, Map.of("statusName", "Attended", "reachedSuccess", true));
        marketo().seedProgramMember(1044, 101, Map.of("statusName", "Registered"));

        Reply first = get("/asset/v1/programs.json?offset=0&maxReturn=1", token);
        Reply past = get("/asset/v1/programs.json?offset=2&maxReturn=1", token);
        Reply recent = get("/asset/v1/programs.json?earliestUpdatedAt=2026-10-01T00:00:00Z", token);
        Reply members = get("/v1/programs/1044/members.json?filterType=reachedSuccess&filterValues=true,false", token);
        Reply unfiltered = get("/v1/programs/1044/members.json", token);

        assertThat(first.json().at("/result/0/name").asString()).isEqualTo("Connected Car Webinar");
        assertThat(past.json().get("warnings").get(0).asString()).isEqualTo("No assets found for the given search criteria.");
        assertThat(recent.json().get("result")).extracting(program -> program.get("id").asLong()).containsExactly(1045L);
        assertThat(members.json().get("result")).extracting(member -> member.get("statusName").asString())
                .containsExactly("Attended", "Registered");
        assertThat(errorCode(unfiltered)).isEqualTo("1002");
    }

    @Test
    void shouldLoadTheTownsendScenarioOfMarketo2() {
        marketo().loadScenario("scenarios/townsend/mkto-2.json");

        assertThat(marketo().leads()).extracting(lead -> lead.get("id")).containsExactly(201L, 202L);
        assertThat(marketo().leads().get(1)).containsEntry("unsubscribed", true).containsEntry("updatedAt", "2026-10-01T09:00:00Z");
        assertThat(marketo().memberEmails("3D Printing Prospects")).containsExactly("p3@townsend.com");
    }

    @Test
    void shouldAnswerACutOffBodyWhenTheMalformedSwitchIsOnAndLogEveryCall() {
        String token = token();
        marketo().malformNext(1);

        Reply malformed = get("/v1/lists.json", token);
        Reply normal = get("/v1/lists.json", token);

        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.json()).isNull();
        assertThat(normal.json().get("success").asBoolean()).isTrue();
        assertThat(marketo().calls("/rest/v1/lists.json")).hasSize(2);
        assertThat(marketo().stats().injected()).containsEntry("malformed", 1L);
    }

    /** The field names of a JSON object, in order. */
    private record JsonFields(tools.jackson.databind.JsonNode node) {
        List<String> names() {
            return List.copyOf(node.propertyNames());
        }
    }
}
