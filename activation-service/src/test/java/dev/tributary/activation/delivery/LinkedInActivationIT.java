package dev.tributary.activation.delivery;

import dev.tributary.activation.ActivationFixtures;
import dev.tributary.activation.ActivationFixtures.Answer;
import dev.tributary.activation.ActivationIntegrationTest;
import dev.tributary.activation.TestUpstreams;
import dev.tributary.activation.linkedin.LinkedInClient;
import dev.tributary.emulators.linkedin.LinkedInHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static dev.tributary.activation.linkedin.LinkedInClient.sha256Email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Activations into the LinkedIn emulator's DMP segments over real HTTP, changes on the real Kafka topic. */
@ActivationIntegrationTest
class LinkedInActivationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ActivationFixtures api;
    LinkedInHandle linkedIn;
    String token;
    String account;
    String segmentId;
    String audienceName;

    @BeforeEach
    void setUp() {
        api = new ActivationFixtures(port, jdbc);
        linkedIn = TestUpstreams.emulators().linkedIn();
        token = "li-" + UUID.randomUUID();
        linkedIn.addToken(token);
        account = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999));
        segmentId = "seg_" + UUID.randomUUID().toString().replace("-", "");
        audienceName = "Tributary " + segmentId;
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private String destination(String accessToken) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("baseUrl", linkedIn.baseUrl());
        config.put("accessToken", accessToken);
        config.put("adAccount", account);
        Answer created = api.call("POST", "/v1/destinations",
                Map.of("name", "LinkedIn " + account, "type", "linkedin-matched-audience", "config", config));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.raw()).doesNotContain(accessToken);
        return created.body().get("id").asString();
    }

    private List<String> hashes() {
        return linkedIn.hashedEmails("urn:li:sponsoredAccount:" + account, audienceName);
    }

    private JsonNode activation(String id) {
        return api.call("GET", "/v1/activations/" + id, null).body();
    }

    @Test
    void shouldHashEmailsIntoAUserSegmentAndFollowChangesThroughThrottlingAndServerErrors() {
        Instant entered = Instant.now().minusSeconds(3600);
        String a = api.person(" A@Acme.test ", "y", null, null);
        String b = api.person("b@acme.test", null, null, null);
        String c = api.person("c@acme.test", "n", null, null);
        String d = api.person("d@acme.test", "y", null, null);
        TestUpstreams.segmentation().members(segmentId, "person", Map.of(a, entered, b, entered, c, entered));

        Answer created = api.call("POST", "/v1/activations",
                Map.of("segmentId", segmentId, "destinationId", destination(token), "audienceName", audienceName));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().get("id").asString();

        // the new segment answers 404 to its first lookup; the ADDs are retried
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(hashes())
                .containsExactlyInAnyOrder(sha256Email("a@acme.test"), sha256Email("b@acme.test")));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode counts = activation(id).get("counts");
            assertThat(counts.get("delivered").asLong()).isEqualTo(2);
            assertThat(counts.get("held").asLong()).isEqualTo(1);
        });

        linkedIn.failNextWithStatus(2, 429);
        linkedIn.failNextWithStatus(1, 503);
        Instant now = Instant.now();
        api.membershipChanged(segmentId, b, "exited", now);
        api.membershipChanged(segmentId, d, "entered", now);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(hashes())
                .containsExactlyInAnyOrder(sha256Email("a@acme.test"), sha256Email("d@acme.test")));
        assertThat(linkedIn.stats().injected()).isNotEmpty();
        assertThat(linkedIn.stats().violationCount()).isZero();
        assertThat(sha256Email(" A@Acme.test ")).isEqualTo(LinkedInClient.sha256Email("a@acme.test")).hasSize(64);
    }

    @Test
    void shouldSendAnAccountAudienceToACompanySegment() {
        Instant entered = Instant.now().minusSeconds(3600);
        String townsend = api.account("Townsend", "Townsend.com");
        String acme = api.account("Acme", null);
        String globex = api.account("Globex", "globex.test");
        TestUpstreams.segmentation().members(segmentId, "account", Map.of(townsend, entered, acme, entered));

        Answer created = api.call("POST", "/v1/activations",
                Map.of("segmentId", segmentId, "destinationId", destination(token), "audienceName", audienceName));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("audience").asString()).isEqualTo("account");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(companies()).containsExactlyInAnyOrder(
                Map.of("companyName", "Townsend", "companyWebsiteDomain", "townsend.com"), Map.of("companyName", "Acme")));
        assertThat(linkedIn.segments()).filteredOn(s -> audienceName.equals(s.get("name")))
                .singleElement().satisfies(s -> assertThat(s.get("type")).isEqualTo("COMPANY"));

        Instant now = Instant.now();
        api.membershipChanged(segmentId, "account", acme, "exited", now);
        api.membershipChanged(segmentId, "account", globex, "entered", now);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(companies()).containsExactlyInAnyOrder(
                Map.of("companyName", "Townsend", "companyWebsiteDomain", "townsend.com"),
                Map.of("companyName", "Globex", "companyWebsiteDomain", "globex.test")));
        assertThat(linkedIn.stats().violationCount()).isZero();
    }

    private List<Map<String, Object>> companies() {
        return linkedIn.companies("urn:li:sponsoredAccount:" + account, audienceName);
    }

    @Test
    void shouldReportATokenLinkedInRefusesFromTheTestAndInTheStatus() {
        String destination = destination("not-a-token");
        Answer test = api.call("POST", "/v1/destinations/" + destination + "/test", null);
        assertThat(test.status()).isEqualTo(422);
        assertThat(test.raw()).doesNotContain("not-a-token");

        TestUpstreams.segmentation().members(segmentId, "person",
                Map.of(api.person("x@acme.test", "y", null, null), Instant.now().minusSeconds(60)));
        String id = api.call("POST", "/v1/activations",
                Map.of("segmentId", segmentId, "destinationId", destination, "audienceName", audienceName)).body().get("id").asString();

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(activation(id).get("lastError").asString("")).contains("LinkedIn refused the access token"));
        assertThat(api.call("POST", "/v1/destinations/" + destination(token) + "/test", null).status()).isEqualTo(200);
    }
}
