package dev.tributary.emulators.marketo;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketoLeadsIT extends MarketoTestSupport {

    @Test
    void shouldCreateOrUpdateByEmailAndAnswerEachRecordsStatusInInputOrder() {
        String token = token();
        long existing = createLead(token, "kept@acme.com");

        Reply reply = postJson("/v1/leads.json", token, """
                {"action":"createOrUpdate","lookupField":"email","input":[
                  {"email":"new@acme.com","firstName":"Ann"},
                  {"firstName":"No Email"},
                  {"email":"KEPT@acme.com","lastName":"Kept"}]}""");

        assertThat(reply.json().get("success").asBoolean()).isTrue();
        assertThat(statuses(reply)).containsExactly("created", "skipped", "updated");
        assertThat(reply.json().get("result").get(1).get("reasons").get(0).get("code").asString()).isEqualTo("1003");
        assertThat(reply.json().get("result").get(2).get("id").asLong()).isEqualTo(existing);
        assertThat(marketo().leads()).hasSize(2);
        assertThat(marketo().leads()).anySatisfy(lead -> assertThat(lead).containsEntry("lastName", "Kept"));
    }

    @Test
    void shouldSkipExistingLeadsWithCreateOnlyAndUnknownOnesWithUpdateOnly() {
        String token = token();
        createLead(token, "a@acme.com");

        Reply createOnly = postJson("/v1/leads.json", token,
                "{\"action\":\"createOnly\",\"input\":[{\"email\":\"a@acme.com\"},{\"email\":\"b@acme.com\"}]}");
        Reply updateOnly = postJson("/v1/leads.json", token,
                "{\"action\":\"updateOnly\",\"input\":[{\"email\":\"zz@acme.com\"},{\"email\":\"a@acme.com\"}]}");

        assertThat(statuses(createOnly)).containsExactly("skipped", "created");
        assertThat(createOnly.json().get("result").get(0).get("reasons").get(0).get("code").asString()).isEqualTo("1005");
        assertThat(statuses(updateOnly)).containsExactly("skipped", "updated");
        assertThat(updateOnly.json().get("result").get(0).get("reasons").get(0).get("code").asString()).isEqualTo("1004");
    }

    @Test
    void shouldServeASeededLeadUnderItsGivenIdAndCreateLaterLeadsAboveIt() {
        String token = token();
        marketo().seedLead(102L, Map.of("email", "p2@townsend.com"));

        Reply byId = get("/v1/lead/102.json", token);
        long created = createLead(token, "new@townsend.com");

        assertThat(byId.json().get("result").get(0).get("email").asString()).isEqualTo("p2@townsend.com");
        assertThat(created).isEqualTo(103L);
        assertThatThrownBy(() -> marketo().seedLead(102L, Map.of("email", "x@acme.com")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGetLeadsByEmailFilterAndById() {
        String token = token();
        long id = createLead(token, "p1@acme.com");
        createLead(token, "p2@acme.com");

        Reply byEmail = get("/v1/leads.json?filterType=email&filterValues=p1@acme.com,P2@acme.com,none@acme.com", token);
        Reply byIdFilter = get("/v1/leads.json?filterType=id&filterValues=" + id, token);
        Reply byIdPath = get("/v1/lead/" + id + ".json", token);
        Reply none = get("/v1/leads.json?filterType=email&filterValues=none@acme.com", token);

        assertThat(byEmail.json().get("result").valueStream().map(l -> l.get("email").asString()).toList())
                .containsExactly("p1@acme.com", "p2@acme.com");
        assertThat(byEmail.json().get("result").get(0).has("firstName")).as("default fields, absent ones null").isTrue();
        assertThat(byIdFilter.json().get("result").get(0).get("email").asString()).isEqualTo("p1@acme.com");
        assertThat(byIdPath.json().get("result").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(none.json().get("success").asBoolean()).isTrue();
        assertThat(none.json().get("result")).isEmpty();
    }

    @Test
    void shouldAnswer1003ForMoreThan300FilterValuesOrRecordsAnd1002WithoutAFilter() {
        String token = token();
        String values = IntStream.rangeClosed(1, 301).mapToObj(i -> "p" + i + "@acme.com").collect(Collectors.joining(","));
        String records = IntStream.rangeClosed(1, 301).mapToObj(i -> "{\"email\":\"p" + i + "@acme.com\"}")
                .collect(Collectors.joining(","));

        Reply get = get("/v1/leads.json", token);
        Reply filter = get("/v1/leads.json?filterType=email&filterValues=" + values, token);
        Reply sync = postJson("/v1/leads.json", token, "{\"input\":[" + records + "]}");

        assertThat(errorCode(get)).isEqualTo("1002");
        assertThat(errorCode(filter)).isEqualTo("1003");
        assertThat(errorCode(sync)).isEqualTo("1003");
        assertThat(marketo().leads()).isEmpty();
        assertThat(marketo().stats().refused()).containsEntry("1003", 2L);
        assertThat(marketo().stats().violationCount()).isZero();
    }

    @Test
    void shouldAnswer609ToInvalidJsonAnd612ToAnotherContentType() {
        String token = token();

        Reply invalid = postJson("/v1/leads.json", token, "{\"input\":[");
        Reply notJson = postForm("/v1/leads.json", token, Map.of("input", "x"));

        assertThat(errorCode(invalid)).isEqualTo("609");
        assertThat(errorCode(notJson)).isEqualTo("612");
    }

    @Test
    void shouldPageLeadsWithANextPageToken() {
        String token = token();
        for (int i = 1; i <= 3; i++) {
            createLead(token, "p" + i + "@acme.com");
        }

        Reply first = get("/v1/leads.json?filterType=email&filterValues=p1@acme.com,p2@acme.com,p3@acme.com&batchSize=2", token);
        Reply second = get("/v1/leads.json?filterType=email&filterValues=p1@acme.com,p2@acme.com,p3@acme.com&batchSize=2"
                + "&nextPageToken=" + first.json().get("nextPageToken").asString(), token);

        assertThat(first.json().get("result")).hasSize(2);
        assertThat(first.json().get("moreResult").asBoolean()).isTrue();
        assertThat(second.json().get("result")).hasSize(1);
        assertThat(second.json().get("moreResult").asBoolean()).isFalse();
        assertThat(second.json().has("nextPageToken")).isFalse();
    }

    @Test
    void shouldAnswer414ToAUriOver8KbAndServeTheSameFilterPostedWithMethodGet() {
        String token = token();
        createLead(token, "p1@acme.com");
        String values = IntStream.rangeClosed(1, 300).mapToObj(i -> "p" + i + "@a-rather-long-company-domain.acme.com")
                .collect(Collectors.joining(","));
        String filter = "filterType=email&filterValues=p1@acme.com," + values.substring(0, values.lastIndexOf(','));

        Reply tooLong = get("/v1/leads.json?" + filter, token);
        Reply posted = send(request(marketo().restUrl() + "/v1/leads.json?_method=GET")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(filter)).build());

        assertThat(tooLong.status()).isEqualTo(414);
        assertThat(posted.json().get("success").asBoolean()).isTrue();
        assertThat(posted.json().get("result")).singleElement()
                .satisfies(lead -> assertThat(lead.get("email").asString()).isEqualTo("p1@acme.com"));
    }

    @Test
    void shouldAnswer610ToAnUnknownRestResource() {
        Reply reply = get("/v1/leeds.json?filterType=email&filterValues=a@acme.com", token());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(errorCode(reply)).isEqualTo("610");
    }
}
