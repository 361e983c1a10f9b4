package dev.tributary.emulators.inspection;

import dev.tributary.emulators.EmulatorTestSupport;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class CrmInspectionApiIT extends EmulatorTestSupport {

    private Reply post(String path, String json) {
        return send(request(EMULATORS.baseUrl() + "/_emulator" + path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private Reply get(String path) {
        return send(request(EMULATORS.baseUrl() + "/_emulator" + path).GET().build());
    }

    @Test
    void shouldAddAnOrgLoadAScenarioAndShowItsRecordsAndPendingFaults() {
        assertThat(post("/salesforce/instances", "{\"instanceId\":\"crm-9\",\"clientId\":\"c\",\"clientSecret\":\"s\"}").status()).isEqualTo(201);
        post("/salesforce/crm-9/scenario", "{\"resource\":\"scenarios/townsend/crm-1.json\"}");
        post("/salesforce/crm-9/faults", "{\"kind\":\"REQUEST_LIMIT_EXCEEDED\",\"count\":2}");

        Reply state = get("/salesforce/crm-9");

        assertThat(state.json().at("/records/Account/0/Id").asString()).isEqualTo("001A1");
        assertThat(state.json().get("pendingFaults").asInt()).isEqualTo(2);
    }

    @Test
    void shouldAddAnEnvironmentLoadAScenarioAndRefuseBadInputWithProblems() {
        post("/dynamics/instances", "{\"instanceId\":\"crm-8\",\"clientId\":\"c\",\"clientSecret\":\"s\"}");
        post("/dynamics/crm-8/scenario", "{\"resource\":\"scenarios/townsend/crm-2.json\"}");

        assertThat(get("/dynamics/crm-8").json().at("/rows/opportunities/0/opportunityid").asString()).isEqualTo("opp-2001");
        Reply badKind = post("/dynamics/crm-8/faults", "{\"kind\":\"606\"}");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.json().get("detail").asString()).startsWith("kind: one of");
        assertThat(post("/dynamics/crm-8/scenario", "{\"resource\":\"../secrets.json\"}").status()).isEqualTo(400);
        assertThat(get("/dynamics/nowhere").status()).isEqualTo(404);
    }
}
