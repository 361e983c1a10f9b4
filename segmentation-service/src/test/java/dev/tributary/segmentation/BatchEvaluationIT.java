package dev.tributary.segmentation;

import dev.tributary.segmentation.language.Audience;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.language.SegmentLanguage;
import dev.tributary.xdm.audience.v1.MembershipChanged;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.messaging.Envelope;
import dev.tributary.xdm.messaging.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static dev.tributary.segmentation.SegmentationFixtures.SEED_QUERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Batch evaluations: published changes, idempotent re-runs, evaluation status, schedules. */
@SegmentationIntegrationTest
class BatchEvaluationIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    SegmentationApi api;
    AudienceTopic topic;

    @BeforeEach
    void seed() {
        clock.reset();
        api = new SegmentationApi(port);
        topic = new AudienceTopic();
        SegmentationFixtures.loadSeedScenario(jdbc);
    }

    @AfterEach
    void close() {
        topic.close();
        clock.reset();
    }

    @Test
    void shouldPublishEachMembershipChangeToTheAudienceTopic() {
        String id = SegmentationFixtures.createSegment(api, "Big Townsend buyers", "person", SEED_QUERY, "batch");
        String p2 = SegmentationFixtures.personId(jdbc, "p2@townsend.com");

        List<AudienceTopic.Message> messages = await().atMost(WAIT)
                .until(() -> topic.forSegment(id, Duration.ofMillis(200)), m -> !m.isEmpty());

        assertThat(messages).hasSize(1);
        AudienceTopic.Message message = messages.get(0);
        assertThat(message.key()).isEqualTo(id + ":" + p2);
        assertThat(message.envelope().get("type").asString()).isEqualTo("audience.membership.changed");
        assertThat(message.payload().get("segmentId").asString()).isEqualTo(id);
        assertThat(message.payload().get("entityId").asString()).isEqualTo(p2);
        assertThat(message.payload().get("audience").asString()).isEqualTo("person");
        assertThat(message.payload().get("change").asString()).isEqualTo("entered");
        assertThat(message.payload().get("evaluationId").asString()).isNotBlank();

        // written by SQL: it reads as the Java records, with exactly the fields Jackson would write
        Envelope envelope = XdmJson.mapper().readValue(message.value(), Envelope.class);
        MembershipChanged change = envelope.payloadAs(MembershipChanged.class, XdmJson.mapper());
        assertThat(envelope.key()).isEqualTo(message.key());
        assertThat(envelope.schemaVersion()).isEqualTo(Envelope.SCHEMA_VERSION);
        assertThat(UUID.fromString(envelope.id())).isNotNull();
        assertThat(change).isEqualTo(new MembershipChanged(id, "person", p2, "entered", change.occurredAt(), change.evaluationId()));
        assertThat(change.occurredAt()).isEqualTo(envelope.time());
        assertThat(change.evaluationId()).isEqualTo(jdbc.sql("SELECT id FROM segmentation.evaluation WHERE segment_id = ?")
                .param(id).query(String.class).single());
        JsonNode javaWritten = XdmJson.mapper().valueToTree(Envelope.of(Topics.AUDIENCE_CHANGES, message.key(), change, XdmJson.mapper()));
        assertThat(fieldNames(message.envelope())).isEqualTo(fieldNames(javaWritten));
        assertThat(fieldNames(message.payload())).isEqualTo(fieldNames(javaWritten.get("payload")));
    }

    private static Set<String> fieldNames(JsonNode node) {
        return new TreeSet<>(node.propertyNames());
    }

    @Test
    void shouldAnalyseMembershipAfterAnEvaluationThatChangedMany() {
        long before = manualAnalyses();
        String one = SegmentationFixtures.createSegment(api, "Big Townsend buyers", "person", SEED_QUERY, "batch");
        await().atMost(WAIT).until(() -> triggers(one).size() == 1);
        assertThat(manualAnalyses()).as("after 1 change, below the threshold of 3").isEqualTo(before);

        String all = SegmentationFixtures.createSegment(api, "Townsend people", "person", "exists(accounts)", "batch");
        await().atMost(WAIT).until(() -> triggers(all).size() == 1);

        assertThat(SegmentationFixtures.activeMembers(jdbc, all)).hasSize(3);
        await().atMost(WAIT).until(this::manualAnalyses, n -> n == before + 1);
    }

    /** Analyses of membership that were not autovacuum's. */
    private long manualAnalyses() {
        return jdbc.sql("SELECT analyze_count FROM pg_stat_user_tables WHERE relid = 'segmentation.membership'::regclass")
                .query(Long.class).single();
    }

    @Test
    void shouldChangeAndPublishNothingWhenEvaluatedAgainWithoutNewData() {
        String id = SegmentationFixtures.createSegment(api, "Big Townsend buyers", "person", SEED_QUERY, "batch");
        await().atMost(WAIT).until(() -> topic.forSegment(id, Duration.ofMillis(200)).size() == 1);

        SegmentationApi.Response requested = api.post("/v1/segments/" + id + "/evaluations", "");
        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.body().get("status").asString()).isIn("queued", "running", "succeeded");
        String evaluation = "/v1/segments/" + id + "/evaluations/" + requested.body().get("id").asString();
        JsonNode finished = await().atMost(WAIT).until(() -> api.get(evaluation).body(),
                b -> b.get("status").asString().equals("succeeded"));

        assertThat(finished.get("members").asLong()).isEqualTo(1);
        assertThat(finished.get("entered").asLong()).isZero();
        assertThat(finished.get("exited").asLong()).isZero();
        assertThat(finished.get("durationMs").asLong()).isNotNegative();
        assertThat(jdbc.sql("SELECT count(*) FROM segmentation.membership_history WHERE segment_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM segmentation.outbox").query(Long.class).single()).isZero();
        assertThat(topic.forSegment(id, Duration.ofSeconds(2))).hasSize(1);
    }

    @Test
    void shouldEnterAPersonReachedThroughSeveralFactsOnce() {
        String rule = "exists(accounts where name contains \"Townsend\") and not exists(lists where name = \"Nobody's list\")";
        CompiledSegment compiled = SegmentLanguage.compile(Audience.PERSON, rule);
        String p2 = SegmentationFixtures.personId(jdbc, "p2@townsend.com");
        // the full evaluation names p2 once per source account relating it to Townsend, and leaves the diff to de-duplicate
        Map<String, Object> parameters = new LinkedHashMap<>(compiled.parameters());
        parameters.put("now", clock.instant().atOffset(java.time.ZoneOffset.UTC));
        List<String> named = jdbc.sql(compiled.selectRepeating()).params(parameters).query(String.class).list();
        assertThat(named).filteredOn(p2::equals).hasSizeGreaterThan(1);

        String id = SegmentationFixtures.createSegment(api, "Townsend people", "person", rule, "batch");

        Set<String> members = new TreeSet<>(named);
        List<AudienceTopic.Message> messages = await().atMost(WAIT)
                .until(() -> topic.forSegment(id, Duration.ofMillis(200)), m -> m.size() >= members.size());
        assertThat(messages).extracting(m -> m.payload().get("entityId").asString())
                .containsExactlyInAnyOrderElementsOf(members);
        assertThat(jdbc.sql("SELECT entity_id FROM segmentation.membership WHERE segment_id = ? AND active")
                .param(id).query(String.class).list()).containsExactlyInAnyOrderElementsOf(members);
        assertThat(jdbc.sql("SELECT entity_id FROM segmentation.membership_history WHERE segment_id = ?")
                .param(id).query(String.class).list()).containsExactlyInAnyOrderElementsOf(members);
        assertThat(jdbc.sql("SELECT members FROM segmentation.evaluation WHERE segment_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(members.size());
    }

    @Test
    void shouldEvaluateAgainWhenTheScheduleIsDue() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Hourly");
        body.put("audience", "account");
        body.put("query", "sum(opportunities.amount where isWon = true) > 1000000");
        body.put("evaluation", "batch");
        body.put("schedule", "PT1H");
        String id = api.post("/v1/segments", SegmentationApi.json(body)).body().get("id").asString();
        await().atMost(WAIT).until(() -> triggers(id).equals(List.of("created")));

        clock.advance(Duration.ofMinutes(61));

        await().atMost(WAIT).until(() -> triggers(id).equals(List.of("created", "schedule")));
        assertThat(api.get("/v1/segments/" + id + "/members").body().get("items").get(0).get("name").asString())
                .startsWith("Townsend");
    }

    @Test
    void shouldLeaveOutFactsWhoseAccountIsUnknown() {
        // an opportunity of an account no source has sent: it names no unified account
        ObjectNode orphan = SegmentationFixtures.changed("006O1@crm-1.Salesforce", Instant.now(),
                Map.of("opportunityKey", "006O9@crm-9.Salesforce", "accountKey", "001A9@crm-9.Salesforce"));
        SegmentationFixtures.ingest(List.of(orphan));
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM profile_read.opportunity WHERE account_id IS NULL")
                .query(Long.class).single() == 1);

        String id = SegmentationFixtures.createSegment(api, "Accounts with opportunities", "account", "count(opportunities) >= 1", "batch");

        await().atMost(WAIT).until(() -> triggers(id).equals(List.of("created")));
        assertThat(SegmentationFixtures.activeMembers(jdbc, id)).containsExactly(
                jdbc.sql("SELECT DISTINCT account_id FROM profile_read.opportunity WHERE account_id IS NOT NULL").query(String.class).single());
    }

    @Test
    void shouldPublishTheExitsOfAllMembersWhenASegmentIsDeleted() {
        String id = SegmentationFixtures.createSegment(api, "Big Townsend buyers", "person", SEED_QUERY, "batch");
        await().atMost(WAIT).until(() -> topic.forSegment(id, Duration.ofMillis(200)).size() == 1);

        assertThat(api.delete("/v1/segments/" + id).status()).isEqualTo(204);

        List<AudienceTopic.Message> messages = await().atMost(WAIT)
                .until(() -> topic.forSegment(id, Duration.ofMillis(200)), m -> m.size() == 2);
        assertThat(messages.get(1).payload().get("change").asString()).isEqualTo("exited");
        assertThat(api.get("/v1/segments/" + id).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT (SELECT count(*) FROM segmentation.membership WHERE segment_id = :id)"
                        + " + (SELECT count(*) FROM segmentation.membership_history WHERE segment_id = :id)"
                        + " + (SELECT count(*) FROM segmentation.membership_count WHERE segment_id = :id)")
                .param("id", id).query(Long.class).single()).as("membership, history and count rows left").isZero();
    }

    private List<String> triggers(String segmentId) {
        return jdbc.sql("SELECT trigger FROM segmentation.evaluation WHERE segment_id = ? AND status = 'succeeded' ORDER BY started_at")
                .param(segmentId).query(String.class).list();
    }
}
