package dev.tributary.segmentation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static dev.tributary.segmentation.SegmentationFixtures.memberEmails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A segment whose evaluation keeps failing is reported, retried with backoff, and holds nobody up: the other
 * segments of the same profile-change batch, and the change consumer, go on (ADR 0022). The failure is a trigger
 * on the membership table that refuses one segment's rows.
 */
@SegmentationIntegrationTest
class SegmentFailureIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String REFUSAL = "refused by the test";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    SegmentationApi api;

    @BeforeEach
    void seed() {
        clock.reset();
        api = new SegmentationApi(port);
        SegmentationFixtures.loadSeedScenario(jdbc);
    }

    @AfterEach
    void removeTheCause() {
        allowMembership();
        clock.reset();
    }

    @Test
    void shouldReportAFailingStreamingSegmentAndKeepEvaluatingTheOthersUntilItRecovers() {
        // created first: each streaming pass evaluates it before the healthy one
        String failing = SegmentationFixtures.createSegment(api, "Product page viewers", "person",
                "exists(events where url contains \"/products/new\")", "streaming");
        String healthy = SegmentationFixtures.createSegment(api, "Page viewers", "person",
                "exists(events where eventType = \"web.webpagedetails.pageViews\")", "streaming");
        await().atMost(WAIT).until(() -> memberEmails(api, failing).equals(Set.of("p2@townsend.com"))
                && memberEmails(api, healthy).equals(Set.of("p2@townsend.com")));
        assertThat(segment(failing).get("status").asString()).isEqualTo("ok");

        refuseMembershipOf(failing);
        SegmentationFixtures.pageView(SegmentationFixtures.P1_MARKETO, Instant.now().minus(Duration.ofMinutes(5)));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode reported = segment(failing);
            assertThat(reported.get("status").asString()).isEqualTo("failed");
            assertThat(reported.get("lastError").get("message").asString()).contains(REFUSAL);
            assertThat(reported.get("lastError").get("trigger").asString()).isEqualTo("streaming");
            assertThat(reported.get("lastError").get("attempts").asInt()).isPositive();
            assertThat(reported.get("lastError").get("at").asString()).isNotBlank();
            assertThat(Instant.parse(reported.get("nextAttemptAt").asString())).isAfter(Instant.parse(reported.get("lastError").get("at").asString()));
        });
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(memberEmails(api, healthy)).containsExactly("p1@townsend.com", "p2@townsend.com"));
        assertThat(memberEmails(api, failing)).containsExactly("p2@townsend.com");
        assertThat(segment(healthy).get("status").asString()).isEqualTo("ok");

        // the consumer is not stuck on the failing segment: later changes still reach the healthy one
        SegmentationFixtures.pageView(SegmentationFixtures.P3_MARKETO, Instant.now().minus(Duration.ofMinutes(5)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(memberEmails(api, healthy))
                .containsExactly("p1@townsend.com", "p2@townsend.com", "p3@townsend.com"));
        assertThat(memberEmails(api, failing)).containsExactly("p2@townsend.com");
        assertThat(segment(failing).get("status").asString()).isEqualTo("failed");

        allowMembership();
        passNextAttempt(failing);

        // the retry evaluates in full: what streaming skipped while it failed is decided too
        await().atMost(WAIT).untilAsserted(() -> assertThat(memberEmails(api, failing))
                .containsExactly("p1@townsend.com", "p2@townsend.com", "p3@townsend.com"));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode recovered = segment(failing);
            assertThat(recovered.get("status").asString()).isEqualTo("ok");
            assertThat(recovered.has("lastError")).isFalse();
            assertThat(recovered.has("nextAttemptAt")).isFalse();
        });
    }

    @Test
    void shouldReportAFailingBatchEvaluationAndRetryItUntilItSucceeds() {
        String failing = SegmentationFixtures.createSegment(api, "Product page viewers", "person",
                "exists(events where url contains \"/products/new\")", "batch");
        await().atMost(WAIT).until(() -> memberEmails(api, failing).equals(Set.of("p2@townsend.com")));
        refuseMembershipOf(failing);
        SegmentationFixtures.pageView(SegmentationFixtures.P1_MARKETO, Instant.now().minus(Duration.ofMinutes(5)));
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM profile_read.event").query(Long.class).single() == 2);

        SegmentationApi.Response requested = api.post("/v1/segments/" + failing + "/evaluations", "{}");
        assertThat(requested.status()).isEqualTo(202);
        String evaluation = requested.body().get("id").asString();

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode status = api.get("/v1/segments/" + failing + "/evaluations/" + evaluation).body();
            assertThat(status.get("status").asString()).isEqualTo("failed");
            assertThat(status.get("error").asString()).contains(REFUSAL);
        });
        JsonNode reported = segment(failing);
        assertThat(reported.get("status").asString()).isEqualTo("failed");
        assertThat(reported.get("lastError").get("trigger").asString()).isEqualTo("manual");
        assertThat(reported.get("lastError").get("attempts").asInt()).isEqualTo(1);

        // still failing: the retry fails too, and the next one waits twice as long
        Duration firstBackoff = Duration.between(Instant.parse(reported.get("lastError").get("at").asString()),
                Instant.parse(reported.get("nextAttemptAt").asString()));
        passNextAttempt(failing);
        JsonNode retried = await().atMost(WAIT).until(() -> segment(failing),
                s -> s.get("lastError").get("attempts").asInt() == 2);
        assertThat(retried.get("lastError").get("trigger").asString()).isEqualTo("retry");
        assertThat(Duration.between(Instant.parse(retried.get("lastError").get("at").asString()),
                Instant.parse(retried.get("nextAttemptAt").asString()))).isEqualTo(firstBackoff.multipliedBy(2));

        allowMembership();
        passNextAttempt(failing);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(segment(failing).get("status").asString()).isEqualTo("ok");
            assertThat(memberEmails(api, failing)).containsExactly("p1@townsend.com", "p2@townsend.com");
        });
    }

    @Test
    void shouldReportAFailingTimeRecheckAndLetTheRetryDecideWhatItMissed() {
        SegmentationFixtures.pageView(SegmentationFixtures.P1_MARKETO, Instant.now().minus(Duration.ofMinutes(5)));
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM profile_read.event").query(Long.class).single() == 2);
        String failing = SegmentationFixtures.createSegment(api, "Recent product page viewers", "person",
                "exists(events where url contains \"/products/new\" and timestamp in last 30 minutes)", "batch");
        await().atMost(WAIT).until(() -> memberEmails(api, failing).equals(Set.of("p1@townsend.com")));
        refuseMembershipOf(failing);

        // p1's view leaves the window; within the hour, so no full time evaluation is due, only the re-check
        clock.advance(Duration.ofMinutes(30));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode reported = segment(failing);
            assertThat(reported.get("status").asString()).isEqualTo("failed");
            assertThat(reported.get("lastError").get("trigger").asString()).isEqualTo("recheck");
            assertThat(reported.get("lastError").get("message").asString()).contains(REFUSAL);
        });
        assertThat(memberEmails(api, failing)).containsExactly("p1@townsend.com");

        allowMembership();
        passNextAttempt(failing);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(segment(failing).get("status").asString()).isEqualTo("ok");
            assertThat(memberEmails(api, failing)).isEmpty();
        });
    }

    private JsonNode segment(String id) {
        SegmentationApi.Response response = api.get("/v1/segments/" + id);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    /** Moves the evaluation clock past the segment's next attempt, which the scheduler then requests. */
    private void passNextAttempt(String id) {
        Instant next = Instant.parse(segment(id).get("nextAttemptAt").asString());
        Duration ahead = Duration.between(clock.instant(), next);
        clock.advance((ahead.isNegative() ? Duration.ZERO : ahead).plusSeconds(1));
    }

    private void refuseMembershipOf(String segmentId) {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION segmentation.test_refuse_membership() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'membership of segment % REFUSAL', NEW.segment_id;
                END $$""".replace("REFUSAL", REFUSAL)).update();
        jdbc.sql("""
                CREATE TRIGGER test_refuse_membership BEFORE INSERT OR UPDATE ON segmentation.membership
                FOR EACH ROW WHEN (NEW.segment_id = '%s') EXECUTE FUNCTION segmentation.test_refuse_membership()"""
                .formatted(segmentId.replace("'", "''"))).update();
    }

    private void allowMembership() {
        jdbc.sql("DROP TRIGGER IF EXISTS test_refuse_membership ON segmentation.membership").update();
        jdbc.sql("DROP FUNCTION IF EXISTS segmentation.test_refuse_membership()").update();
    }
}
