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
