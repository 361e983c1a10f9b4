package dev.tributary.emulators.inspection;

import dev.tributary.emulators.EmulatorTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class MarketoInspectionApiIT extends EmulatorTestSupport {

    private String inspection(String path) {
        return EMULATORS.baseUrl() + "/_emulator" + path;
    }

    private Reply post(String path, String json) {
        return send(request(inspection(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private String token() {
        return send(request(EMULATORS.marketo(MUNCHKIN).identityUrl() + "/oauth/token?grant_type=client_credentials&client_id="
                + CLIENT_ID + "&client_secret=" + CLIENT_SECRET).GET().build()).json().get("access_token").asString();
    }

    private Reply rest(String path, String token, String method, String json) {
        return send(request(EMULATORS.marketo(MUNCHKIN).restUrl() + path).header("Authorization", "Bearer " + token)
                .header("Content-Type", json == null ? "application/x-www-form-urlencoded" : "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    @Test
    void shouldLoadAScenarioFileAndShowItsCompaniesAndActivities() {
        Reply loaded = post("/marketo/" + MUNCHKIN + "/scenario", "{\"resource\":\"scenarios/townsend/mkto-1.json\"}");
        Reply outside = post("/marketo/" + MUNCHKIN + "/scenario", "{\"resource\":\"../emulators.yml\"}");
        Reply missing = post("/marketo/" + MUNCHKIN + "/scenario", "{\"resource\":\"scenarios/none.json\"}");

        assertThat(loaded.status()).isEqualTo(200);
        assertThat(loaded.json().get("leads")).hasSize(2);
        assertThat(loaded.json().at("/companies/0/externalCompanyId").asString()).isEqualTo("001A1");
        assertThat(loaded.json().at("/activities/0/activityTypeId").asInt()).isEqualTo(1);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void shouldShowAnInstancesLeadsListsMembersAndCalls() {
        String token = token();
        rest("/v1/leads.json", token, "POST", "{\"input\":[{\"email\":\"a@acme.com\"},{\"email\":\"b@acme.com\"}]}");
        send(request(EMULATORS.marketo(MUNCHKIN).restUrl() + "/asset/v1/staticLists.json")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(java.util.Map.of("name", "Audience",
                        "folder", "{\"id\":1,\"type\":\"Folder\"}")))).build());
        rest("/v1/lists/1001/leads.json?id=2", token, "POST", null);

        JsonNode state = send(request(inspection("/marketo/" + MUNCHKIN)).GET().build()).json();

        assertThat(state.get("leads")).hasSize(2);
        assertThat(state.get("lists").get(0).get("name").asString()).isEqualTo("Audience");
        assertThat(state.get("lists").get(0).get("memberEmails").get(0).asString()).isEqualTo("b@acme.com");
        assertThat(state.get("stats").get("calls").asLong()).isEqualTo(3);
        assertThat(state.get("stats").get("tokenCalls").asLong()).isEqualTo(1);
        assertThat(state.get("stats").get("violationCount").asLong()).isZero();
    }

    @Test
    void shouldInjectFaultsExpireTokensAndMoveTheClockThroughHttp() {
        String token = token();

        assertThat(post("/marketo/" + MUNCHKIN + "/faults", "{\"code\":\"615\",\"count\":1}").status()).isEqualTo(200);
        assertThat(rest("/v1/lead/1.json", token, "GET", null).json().get("errors").get(0).get("code").asString())
                .isEqualTo("615");
        assertThat(post("/marketo/" + MUNCHKIN + "/faults", "{\"status\":503}").status()).isEqualTo(200);
        assertThat(rest("/v1/lead/1.json", token, "GET", null).status()).isEqualTo(503);

        assertThat(post("/marketo/" + MUNCHKIN + "/tokens/expire", "").status()).isEqualTo(204);
        assertThat(rest("/v1/lead/1.json", token, "GET", null).json().get("errors").get(0).get("code").asString())
                .isEqualTo("602");

        assertThat(post("/clock/freeze", "").json().get("clockFrozen").asBoolean()).isTrue();
        String fresh = token();
        assertThat(post("/clock/advance", "{\"millis\":3600000}").status()).isEqualTo(200);
        assertThat(rest("/v1/lead/1.json", fresh, "GET", null).json().get("errors").get(0).get("code").asString())
                .isEqualTo("602");
    }

    @Test
    void shouldChangeLimitsAndAddInstancesThroughHttp() {
        Reply limits = send(request(inspection("/marketo/" + MUNCHKIN + "/limits")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"dailyQuota\":0,\"limitMode\":\"OBSERVE\"}")).build());
        Reply added = post("/marketo/instances", "{\"munchkinId\":\"555-EEE-666\",\"clientId\":\"c\",\"clientSecret\":\"s\"}");

        assertThat(limits.json().get("dailyQuota").asLong()).isZero();
        assertThat(limits.json().get("limitMode").asString()).isEqualTo("OBSERVE");
        assertThat(added.status()).isEqualTo(201);
        assertThat(EMULATORS.marketo("555-EEE-666").clientId()).isEqualTo("c");
    }

    @Test
    void shouldAnswerAProblemDetailToBadInput() {
        Reply twoKinds = post("/marketo/" + MUNCHKIN + "/faults", "{\"code\":\"606\",\"status\":503}");
        Reply badCount = post("/marketo/" + MUNCHKIN + "/faults", "{\"code\":\"606\",\"count\":0}");
        Reply notJson = post("/clock/advance", "soon");
        Reply unknown = post("/marketo/000-XXX-000/faults", "{\"code\":\"606\"}");

        assertThat(twoKinds.status()).isEqualTo(400);
        assertThat(twoKinds.header("Content-Type")).startsWith("application/problem+json");
        assertThat(twoKinds.json().get("detail").asString()).contains("exactly one of code, status, delayMillis");
        assertThat(badCount.json().get("detail").asString()).startsWith("count");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(EMULATORS.marketo(MUNCHKIN).stats().calls()).isZero();
    }

    @Test
    void shouldForgetEverythingOnReset() {
        String token = token();
        rest("/v1/leads.json", token, "POST", "{\"input\":[{\"email\":\"a@acme.com\"}]}");
        EMULATORS.marketo(MUNCHKIN).failNext(3, "606");

        assertThat(post("/reset", "").status()).isEqualTo(204);

        JsonNode state = send(request(inspection("/marketo/" + MUNCHKIN)).GET().build()).json();
        assertThat(state.get("leads")).isEmpty();
        assertThat(state.get("pendingFaults").asInt()).isZero();
        assertThat(state.get("stats").get("calls").asLong()).isZero();
        assertThat(rest("/v1/lead/1.json", token, "GET", null).json().get("errors").get(0).get("code").asString())
                .as("tokens are forgotten too").isEqualTo("601");
    }
}
