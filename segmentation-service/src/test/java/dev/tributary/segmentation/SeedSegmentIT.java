package dev.tributary.segmentation;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tributary.segmentation.SegmentationFixtures.SEED_QUERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The seed scenario end to end: Townsend through ingestion and profile, the audience, its explanation. */
@SegmentationIntegrationTest
class SeedSegmentIT {

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

    @Test
    void shouldFindOnlyP2ForTheSeedAudience() {
        String id = SegmentationFixtures.createSegment(api, "Big Townsend buyers", "person", SEED_QUERY, "streaming");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(SegmentationFixtures.memberEmails(api, id)).containsExactly("p2@townsend.com"));
        JsonNode page = api.get("/v1/segments/" + id + "/members").body();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("since").asString()).isNotBlank();
        assertThat(page.has("nextCursor")).isFalse();
    }

    @Test
    void shouldFindNobodyWhenOpportunitiesAreSummedPerBusinessLine() {
        for (String instance : List.of("crm-1", "crm-2")) {
            String query = SEED_QUERY.replace("where isWon = true", "where isWon = true and sourceInstance = \"" + instance + "\"");
            JsonNode preview = api.post("/v1/segments/preview", SegmentationApi.json(Map.of("audience", "person", "query", query))).body();
            assertThat(preview.get("count").asLong()).as(instance).isZero();

            String id = SegmentationFixtures.createSegment(api, "Per line " + instance, "person", query, "batch");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                    "SELECT status FROM segmentation.evaluation WHERE segment_id = ?").param(id).query(String.class).list())
                    .containsExactly("succeeded"));
            assertThat(SegmentationFixtures.activeMembers(jdbc, id)).isEmpty();
        }
        JsonNode whole = api.post("/v1/segments/preview", SegmentationApi.json(Map.of("audience", "person", "query", SEED_QUERY))).body();
        assertThat(whole.get("count").asLong()).isEqualTo(1);
        assertThat(whole.get("sample").get(0).get("email").asString()).isEqualTo("p2@townsend.com");
    }

    @Test
    void shouldExplainMembershipByBothOpportunitiesTheirAccountsAndThePageView() {
        String id = SegmentationFixtures.createSegment(api, "Big Townsend buyers", "person", SEED_QUERY, "batch");
        String p2 = SegmentationFixtures.personId(jdbc, "p2@townsend.com");
        await().atMost(Duration.ofSeconds(30)).until(() -> SegmentationFixtures.activeMembers(jdbc, id).equals(Set.of(p2)));

        JsonNode explanation = api.get("/v1/segments/" + id + "/members/" + p2 + "/explanation").body();

        assertThat(explanation.get("query").asString()).contains("sum(accounts.opportunities.amount");
        List<JsonNode> facts = new ArrayList<>();
        explanation.get("parts").forEach(part -> part.get("facts").forEach(facts::add));
        List<JsonNode> opportunities = facts.stream().filter(f -> f.get("type").asString().equals("opportunity")).toList();
        assertThat(opportunities).extracting(f -> f.get("amount").decimalValue().intValue())
                .containsExactlyInAnyOrder(200_000, 900_000);
        String account = jdbc.sql("SELECT DISTINCT account_id FROM profile_read.opportunity").query(String.class).single();
        assertThat(opportunities).allSatisfy(f -> assertThat(f.get("via").asString()).contains(account));
        // each opportunity names the one source account it came through, of the one unified account
        assertThat(opportunities).extracting(f -> f.get("amount").decimalValue().intValue(), f -> f.get("via").asString().split(" / ")[1])
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(200_000, "opportunity of account " + account + " through source account 001A1@crm-1.Salesforce"),
                        org.assertj.core.groups.Tuple.tuple(900_000, "opportunity of account " + account + " through source account acc-2001@crm-2.Dynamics"));
        List<JsonNode> views = facts.stream().filter(f -> f.get("type").asString().equals("event")).toList();
        assertThat(views).hasSize(1);
        assertThat(Instant.parse(views.get(0).get("at").asString()))
                .isBetween(Instant.now().minus(Duration.ofDays(21)), Instant.now().minus(Duration.ofDays(19)));

        String p1 = SegmentationFixtures.personId(jdbc, "p1@townsend.com");
        assertThat(api.get("/v1/segments/" + id + "/members/" + p1 + "/explanation").status()).isEqualTo(404);
    }
}
