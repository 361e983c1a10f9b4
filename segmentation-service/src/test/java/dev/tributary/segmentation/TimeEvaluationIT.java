package dev.tributary.segmentation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Set;

import static dev.tributary.segmentation.SegmentationFixtures.SEED_QUERY;
import static dev.tributary.segmentation.SegmentationFixtures.memberEmails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Time-windowed rules change their answer as time passes, without any new data. */
@SegmentationIntegrationTest
class TimeEvaluationIT {

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
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldLetAMemberExitWhenTheirOnlyQualifyingPageViewAgesOut() {
        String id = SegmentationFixtures.createSegment(api, "Big Townsend buyers", "person", SEED_QUERY, "batch");
        await().atMost(Duration.ofSeconds(30)).until(() -> memberEmails(api, id).equals(Set.of("p2@townsend.com")));
        assertThat(api.get("/v1/segments/" + id).body().get("timeDependent").asBoolean()).isTrue();

        clock.advance(Duration.ofDays(15)); // the visit is now 35 days old: outside "last 1 month"

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(memberEmails(api, id)).isEmpty());
        assertThat(api.get("/v1/segments/" + id + "/history").body().get("items"))
                .extracting(i -> i.get("change").asString()).containsExactly("exited", "entered");
    }

    @Test
    void shouldLetPeopleEnterAsTimePassesOnTheFullTimeEvaluation() {
        // nobody qualifies until the visit is more than 25 days old
        String id = SegmentationFixtures.createSegment(api, "Lapsed visitors", "person",
                "exists(events where url contains \"/products/new\") and not exists(events where timestamp in last 25 days)",
                "batch");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM segmentation.evaluation WHERE segment_id = ? AND status = 'succeeded'")
                .param(id).query(Long.class).single() == 1);
        assertThat(memberEmails(api, id)).isEmpty();

        clock.advance(Duration.ofDays(6).plusHours(1)); // also past the hourly full re-evaluation

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(memberEmails(api, id)).containsExactly("p2@townsend.com"));
    }

    @Test
    void shouldLetRulesReadingASegmentFollowItsChangesWithoutTheirOwnEvaluation() {
        String buyers = SegmentationFixtures.createSegment(api, "Big Townsend buyers", "person", SEED_QUERY, "batch");
        String readers = SegmentationFixtures.createSegment(api, "Scored big buyers", "person",
                "inSegment(\"" + buyers + "\") and score > 50", "batch");
        await().atMost(Duration.ofSeconds(30)).until(() -> memberEmails(api, readers).equals(Set.of("p2@townsend.com")));
        assertThat(api.get("/v1/segments/" + readers).body().get("timeDependent").asBoolean()).isFalse();

        clock.advance(Duration.ofDays(15));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(memberEmails(api, readers)).isEmpty());
        assertThat(jdbc.sql("SELECT trigger FROM segmentation.evaluation WHERE segment_id = ? AND exited = 1")
                .param(readers).query(String.class).list()).containsExactly("dependency");
    }
}
