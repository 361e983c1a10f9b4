package dev.tributary.emulators.inspection;

import dev.tributary.emulators.EmulatorTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class LinkedInInspectionApiIT extends EmulatorTestSupport {

    private static final String VERSION = YearMonth.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMM"));
    private static final String HASH = "a".repeat(64);

    private Reply post(String path, String json) {
        return send(request(EMULATORS.baseUrl() + "/_emulator" + path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private Reply api(String path, String method, String json) {
        return send(request(EMULATORS.linkedIn().restUrl() + path).header("Authorization", "Bearer " + LINKEDIN_TOKEN)
                .header("LinkedIn-Version", VERSION).header("X-Restli-Protocol-Version", "2.0.0")
                .header("X-RestLi-Method", "BATCH_CREATE").header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    @Test
    void shouldShowSegmentsWithTheirHashedEmailsAndTheCalls() {
        send(request(EMULATORS.baseUrl() + "/_emulator/linkedin/limits").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"newSegmentNotFoundCalls\":0}")).build());
        String id = api("/dmpSegments", "POST", "{\"name\":\"S\",\"account\":\"urn:li:sponsoredAccount:9\",\"type\":\"USER\","
                + "\"sourcePlatform\":\"T\",\"destinations\":[{\"destination\":\"LINKEDIN\"}]}").header("x-restli-id");
        api("/dmpSegments/" + id + "/users", "POST",
                "{\"elements\":[{\"action\":\"ADD\",\"userIds\":[{\"idType\":\"SHA256_EMAIL\",\"idValue\":\"" + HASH + "\"}]}]}");

        JsonNode state = send(request(EMULATORS.baseUrl() + "/_emulator/linkedin").GET().build()).json();

        assertThat(state.get("segments").get(0).get("hashedEmails").get(0).asString()).isEqualTo(HASH);
        assertThat(state.get("segments").get(0).get("inputCount").asInt()).isEqualTo(1);
        assertThat(state.get("stats").get("calls").asLong()).isEqualTo(2);
        assertThat(state.get("stats").get("violationCount").asLong()).isZero();
    }

    @Test
    void shouldInject429AndExpireTokensThroughHttp() {
        assertThat(post("/linkedin/faults", "{\"status\":429,\"count\":1}").status()).isEqualTo(200);
        assertThat(api("/dmpSegments?q=account&account=urn:li:sponsoredAccount:9", "GET", null).status()).isEqualTo(429);
        assertThat(api("/dmpSegments?q=account&account=urn:li:sponsoredAccount:9", "GET", null).status()).isEqualTo(200);

        assertThat(post("/linkedin/tokens/expire", "").status()).isEqualTo(204);
        assertThat(api("/dmpSegments?q=account&account=urn:li:sponsoredAccount:9", "GET", null).status()).isEqualTo(401);
        assertThat(post("/linkedin/tokens", "{\"token\":\"" + LINKEDIN_TOKEN + "\"}").status()).isEqualTo(204);
        assertThat(api("/dmpSegments?q=account&account=urn:li:sponsoredAccount:9", "GET", null).status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAMarketoCodeAsALinkedInFault() {
        Reply reply = post("/linkedin/faults", "{\"code\":\"606\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asString()).contains("use status");
    }
}
