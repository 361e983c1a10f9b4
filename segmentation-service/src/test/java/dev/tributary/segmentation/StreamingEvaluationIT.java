package dev.tributary.segmentation;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.tributary.segmentation.SegmentationFixtures.SEED_QUERY;
import static dev.tributary.segmentation.SegmentationFixtures.memberEmails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Streaming segments follow the profile change events: people enter and exit without a batch run. */
@SegmentationIntegrationTest
class StreamingEvaluationIT {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    org.springframework.kafka.core.KafkaTemplate<String, String> kafka;

    SegmentationApi api;
    String segmentId;

    @BeforeEach
    void seedWithStreamingSegment() {
        clock.reset();
        api = new SegmentationApi(port);
        SegmentationFixtures.loadSeedScenario(jdbc);
        segmentId = SegmentationFixtures.createSegment(api, "Big Townsend buyers", "person", SEED_QUERY, "streaming");
        await().atMost(WAIT).until(() -> memberEmails(api, segmentId).equals(java.util.Set.of("p2@townsend.com")));
    }

    @Test
    void shouldLetP1EnterWhenP1ViewsTheProductPage() {
        SegmentationFixtures.pageView(SegmentationFixtures.P1_MARKETO, Instant.now().minus(Duration.ofMinutes(5)));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(memberEmails(api, segmentId)).containsExactly("p1@townsend.com", "p2@townsend.com"));
        String p1 = SegmentationFixtures.personId(jdbc, "p1@townsend.com");
        assertThat(api.get("/v1/segments/" + segmentId + "/history?entityId=" + p1).body().get("items"))
                .extracting(i -> i.get("change").asString()).containsExactly("entered");
    }

    @Test
    void shouldLetP1AndP2ExitWhenOpportunity2IsLost() {
        SegmentationFixtures.pageView(SegmentationFixtures.P1_MARKETO, Instant.now().minus(Duration.ofMinutes(5)));
        await().atMost(WAIT).until(() -> memberEmails(api, segmentId).size() == 2);

        SegmentationFixtures.ingest(List.of(SegmentationFixtures.changed("opp-2001@crm-2.Dynamics",
                Instant.parse("2026-11-01T09:00:00Z"), Map.of("isWon", false, "opportunityStage", "Closed Lost"))));

        await().atMost(WAIT).untilAsserted(() -> assertThat(memberEmails(api, segmentId)).isEmpty());
        String p2 = SegmentationFixtures.personId(jdbc, "p2@townsend.com");
        assertThat(api.get("/v1/segments/" + segmentId + "/history?entityId=" + p2).body().get("items"))
                .extracting(i -> i.get("change").asString()).containsExactly("exited", "entered");
    }

    @Test
    void shouldLetEverybodyExitWhenAWonOpportunityShrinks() {
        // no time window, so no time re-check can make the exits happen instead of streaming
        String bigBuyers = SegmentationFixtures.createSegment(api, "Big buyers", "person",
                "sum(accounts.opportunities.amount where isWon = true) > 1000000", "streaming");
        await().atMost(WAIT).until(() -> memberEmails(api, bigBuyers).size() == 3);

        // still won, only the amount changes: described as such by profile-service, and not dropped
        SegmentationFixtures.ingest(List.of(SegmentationFixtures.changed("opp-2001@crm-2.Dynamics",
                Instant.parse("2026-11-01T09:00:00Z"), Map.of("opportunityAmount", Map.of("amount", 500000, "currencyCode", "USD")))));

        await().atMost(WAIT).untilAsserted(() -> assertThat(memberEmails(api, bigBuyers)).isEmpty());
    }

    @Test
    void shouldLetCoworkersEnterWhenOneOfThemViewsTheProductPage() {
        // the seed's own view is weeks old; the rule reads the events of everybody at the person's companies
        String colleagues = SegmentationFixtures.createSegment(api, "Colleagues of a recent visitor", "person",
                "exists(accounts.events where url contains \"/products/new\" and timestamp in last 1 hour)", "streaming");

        SegmentationFixtures.pageView(SegmentationFixtures.P3_MARKETO, Instant.now().minus(Duration.ofMinutes(5)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(memberEmails(api, colleagues))
                .containsExactly("p1@townsend.com", "p2@townsend.com", "p3@townsend.com"));
    }

    @Test
    void shouldLetTheContactOfAnOpportunityEnterWhenTheOpportunityIsLost() {
        String contacts = SegmentationFixtures.createSegment(api, "Contacts of lost deals", "person",
                "exists(opportunities where isWon = false)", "streaming");

        SegmentationFixtures.ingest(List.of(SegmentationFixtures.changed("opp-2001@crm-2.Dynamics",
                Instant.parse("2026-11-01T09:00:00Z"), Map.of("isWon", false, "opportunityStage", "Closed Lost"))));

        // opportunity changes are announced for the account; p3 is Opportunity 2's contact
        await().atMost(WAIT).untilAsserted(() -> assertThat(memberEmails(api, contacts)).containsExactly("p3@townsend.com"));
    }

    @Test
    void shouldKeepOnlyP2WhenTheMdmRecordIsDeletedWhateverP1AndP3View() {
        SegmentationFixtures.ingest(List.of(SegmentationFixtures.changed("T-1@mdm-1.MDM",
                Instant.parse("2026-11-01T09:00:00Z"), Map.of("isDeleted", true))));
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(DISTINCT account_id) FROM profile_read.opportunity")
                .query(Long.class).single() == 2);
        // evaluated after the rule under test in every streaming pass: once it saw a view, so did the rule
        String viewers = SegmentationFixtures.createSegment(api, "Product page viewers", "person",
                "exists(events where url contains \"/products/new\")", "streaming");

        SegmentationFixtures.pageView(SegmentationFixtures.P1_MARKETO, Instant.now().minus(Duration.ofMinutes(5)));
        SegmentationFixtures.pageView(SegmentationFixtures.P3_MARKETO, Instant.now().minus(Duration.ofMinutes(5)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(memberEmails(api, viewers))
                .containsExactly("p1@townsend.com", "p2@townsend.com", "p3@townsend.com"));
        assertThat(memberEmails(api, segmentId)).containsExactly("p2@townsend.com");
    }

    @Test
    void shouldDeadLetterAnUnreadableChangeAndGoOnStreaming() {
        String key = "poison-" + java.util.UUID.randomUUID();
        try (AudienceTopic deadLetters = new AudienceTopic("cdp.ingest.dlq.v1")) {
            kafka.send("cdp.profile.changes.v1", key, "{\"id\":\"1\",\"type\":\"profile.exploded\",\"payload\":{}}").join();

            AudienceTopic.Message dead = await().atMost(WAIT).until(() -> deadLetters.poll(Duration.ofMillis(200)).stream()
                    .filter(m -> key.equals(m.key())).findFirst(), java.util.Optional::isPresent).orElseThrow();
            assertThat(dead.headers().get("cdp-dlq-reason")).contains("profile.exploded");
        }
        SegmentationFixtures.pageView(SegmentationFixtures.P1_MARKETO, Instant.now().minus(Duration.ofMinutes(5)));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(memberEmails(api, segmentId)).containsExactly("p1@townsend.com", "p2@townsend.com"));
    }
}
