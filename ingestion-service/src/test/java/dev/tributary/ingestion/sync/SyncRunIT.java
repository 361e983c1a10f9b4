package dev.tributary.ingestion.sync;

import dev.tributary.ingestion.IngestionApi;
import dev.tributary.ingestion.IngestionIntegrationTest;
import dev.tributary.ingestion.IngestionMeters;
import dev.tributary.ingestion.PublishedMessages;
import dev.tributary.ingestion.PublishedMessages.Published;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.Page;
import dev.tributary.ingestion.publish.UnreachableKafka;
import dev.tributary.ingestion.publish.XdmMessages;
import dev.tributary.ingestion.source.SourceService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

@IngestionIntegrationTest
class SyncRunIT {

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SourceService sources;

    @Autowired
    ConnectorContexts contexts;

    @Autowired
    XdmMessages messages;

    @Autowired
    RunRepository runRepository;

    @Autowired
    CursorRepository cursors;

    @Autowired
    LeaseRepository leases;

    @Autowired
    ConnectorProperties properties;

    @Autowired
    IngestionMeters meters;

    @Autowired
    RunMeters runMeters;

    @Autowired
    SyncScheduler scheduler;

    IngestionApi api;
    ConnectorRuns runs;
    PublishedMessages records;
    String script;
    String instance;

    @BeforeEach
    void setUp() {
        api = new IngestionApi(port);
        runs = new ConnectorRuns(api);
        records = PublishedMessages.on(environment.getRequiredProperty("spring.kafka.bootstrap-servers"), "cdp.xdm.records.v1");
        script = "s-" + UUID.randomUUID();
        instance = ConnectorRuns.instance();
    }

    @AfterEach
    void tearDown() {
        records.close();
    }

    /** Pages "" -> "1" -> "2" (last) of two accounts each: A{page}{n}. */
    private Page twoPages(String stream, String cursor) {
        int page = cursor == null ? 0 : Integer.parseInt(cursor);
        List<ObjectNode> accounts = List.of(ScriptedConnector.account("A" + page + "a", instance),
                ScriptedConnector.account("A" + page + "b", instance));
        return Page.of(accounts, String.valueOf(page + 1), page == 1);
    }

    private Predicate<Published> ofSource(String sourceId) {
        // events sent without ?sourceId carry none
        return p -> p.payload().hasNonNull("sourceId") && sourceId.equals(p.payload().get("sourceId").stringValue());
    }

    private List<String> keysPublished(String sourceId) {
        return records.readToEnd(ofSource(sourceId)).stream().map(Published::key).toList();
    }

    @Test
    void shouldPublishEveryPageThenStoreItsCursorAndCountTheRun() {
        ScriptedConnector.Script scripted = ScriptedConnector.register(script, List.of("accounts"),
                (stream, cursor, attempt) -> twoPages(stream, cursor));
        String sourceId = runs.createScripted(script, instance, "", null);

        JsonNode run = runs.run(sourceId);

        assertThat(run.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(run.get("trigger").stringValue()).isEqualTo("manual");
        assertThat(run.get("recordsRead").longValue()).isEqualTo(4);
        assertThat(run.get("recordsPublished").longValue()).isEqualTo(4);
        assertThat(run.get("recordsRejected").longValue()).isZero();
        assertThat(run.get("durationMs").isNumber()).isTrue();
        assertThat(keysPublished(sourceId)).containsExactlyInAnyOrder("A0a@" + instance + ".Salesforce",
                "A0b@" + instance + ".Salesforce", "A1a@" + instance + ".Salesforce", "A1b@" + instance + ".Salesforce");
        assertThat(scripted.reads()).containsExactly("accounts@null", "accounts@1");
        assertThat(cursors.find(UUID.fromString(sourceId), "accounts")).contains("2");
        JsonNode source = api.get("/v1/sources/" + sourceId).body();
        assertThat(source.at("/lastRun/status").stringValue()).isEqualTo("succeeded");
        assertThat(api.get("/v1/sources/" + sourceId + "/runs").body().get("items").get(0).get("id"))
                .isEqualTo(run.get("id"));
    }

    @Test
    void shouldStartTheNextRunFromTheStoredCursorAndAFullSyncFromTheBeginning() {
        ScriptedConnector.Script scripted = ScriptedConnector.register(script, List.of("accounts"),
                (stream, cursor, attempt) -> cursor != null && Integer.parseInt(cursor) >= 2
                        ? Page.of(List.of(), cursor, true) : twoPages(stream, cursor));
        String sourceId = runs.createScripted(script, instance, "", null);
        runs.run(sourceId);

        JsonNode incremental = runs.run(sourceId);
        JsonNode full = runs.awaitEnd(sourceId, runs.start(sourceId, true).get("id").stringValue());

        assertThat(incremental.get("recordsPublished").longValue()).isZero();
        assertThat(full.get("fullSync").booleanValue()).isTrue();
        assertThat(full.get("recordsPublished").longValue()).isEqualTo(4);
        assertThat(scripted.reads()).containsExactly("accounts@null", "accounts@1", "accounts@2", "accounts@null", "accounts@1");
    }

    @Test
    void shouldRetryARetriablePageWithBackoffThenCompleteWithoutLossOrDuplicates() {
        ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> {
            if ("1".equals(cursor) && attempt < 3) {
                throw ConnectorException.retriable("503 from the source", null);
            }
            return twoPages(stream, cursor);
        });
        String sourceId = runs.createScripted(script, instance, "", null);

        JsonNode run = runs.run(sourceId);

        assertThat(run.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(keysPublished(sourceId)).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void shouldFailTheRunWhenRetriesAreSpentAndKeepTheCursorAtThePublishedPage() {
        ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> {
            if ("1".equals(cursor)) {
                throw ConnectorException.retriable("503 from the source", null);
            }
            return twoPages(stream, cursor);
        });
        String sourceId = runs.createScripted(script, instance, "", null);

        JsonNode run = runs.run(sourceId);

        assertThat(run.get("status").stringValue()).isEqualTo("failed");
        assertThat(run.get("error").stringValue()).contains("503 from the source").contains("failed 3 times");
        assertThat(run.get("recordsPublished").longValue()).isEqualTo(2);
        assertThat(cursors.find(UUID.fromString(sourceId), "accounts")).contains("1");
    }

    @Test
    void shouldFailOnAPermanentFailureAndLetTheNextRunCompleteWithoutLossOrDuplicates() {
        ScriptedConnector.Script scripted = ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> {
            if ("1".equals(cursor)) {
                throw ConnectorException.permanent("page 2 is malformed: unexpected end of input");
            }
            return twoPages(stream, cursor);
        });
        String sourceId = runs.createScripted(script, instance, "", null);

        JsonNode failed = runs.run(sourceId);
        scripted.reader = (stream, cursor, attempt) -> twoPages(stream, cursor);
        JsonNode next = runs.run(sourceId);

        assertThat(failed.get("status").stringValue()).isEqualTo("failed");
        assertThat(failed.get("error").stringValue()).isEqualTo("stream accounts: page 2 is malformed: unexpected end of input");
        assertThat(next.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(scripted.reads()).containsExactly("accounts@null", "accounts@1", "accounts@1");
        assertThat(keysPublished(sourceId)).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void shouldOpenANewTaskOnceWhenTheSessionExpiredAndFailWhenItExpiresAgain() {
        ScriptedConnector.Script once = ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> {
            if (attempt == 1 && cursor == null) {
                throw ConnectorException.authentication("INVALID_SESSION_ID: Session expired or invalid");
            }
            return twoPages(stream, cursor);
        });
        String recovering = runs.createScripted(script, instance, "", null);
        int opensBefore = once.opens.get();

        JsonNode recovered = runs.run(recovering);

        assertThat(recovered.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(once.opens.get() - opensBefore).isEqualTo(2);

        String always = script + "-always";
        ScriptedConnector.register(always, List.of("accounts"), (stream, cursor, attempt) -> {
            throw ConnectorException.authentication("401 from Dynamics");
        });
        JsonNode failed = runs.run(runs.createScripted(always, ConnectorRuns.instance(), "", null));
        assertThat(failed.get("status").stringValue()).isEqualTo("failed");
        assertThat(failed.get("error").stringValue()).contains("401 from Dynamics").contains("again with a new session");
    }

    @Test
    void shouldWaitWhenRateLimitedAndRetry() {
        ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> {
            if (attempt == 1) {
                throw ConnectorException.rateLimited("606 rate limit exceeded", Duration.ofMillis(20));
            }
            return twoPages(stream, cursor);
        });
        String sourceId = runs.createScripted(script, instance, "", null);

        JsonNode run = runs.run(sourceId);

        assertThat(run.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(keysPublished(sourceId)).hasSize(4);
    }

    @Test
    void shouldCountAndListRejectedRecordsWithoutFailingTheRun() {
        ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> {
            ObjectNode noKey = ScriptedConnector.account("X", instance);
            ((ObjectNode) noKey.get("data")).remove("accountKey");
            return Page.of(List.of(ScriptedConnector.account("OK", instance), noKey,
                    ScriptedConnector.account("Y", "another-instance")), "done", true);
        });
        String sourceId = runs.createScripted(script, instance, "", null);

        JsonNode run = runs.run(sourceId);

        assertThat(run.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(run.get("recordsRead").longValue()).isEqualTo(3);
        assertThat(run.get("recordsPublished").longValue()).isEqualTo(1);
        assertThat(run.get("recordsRejected").longValue()).isEqualTo(2);
        assertThat(run.get("rejected")).hasSize(2);
        assertThat(run.at("/rejected/0/stream").stringValue()).isEqualTo("accounts");
        assertThat(run.at("/rejected/0/errors/0").stringValue()).startsWith("/accountKey");
        assertThat(run.at("/rejected/1/errors/0").stringValue()).contains("another-instance");
    }

    @Test
    void shouldPublishEventsToTheEventsTopic() {
        ScriptedConnector.register(script, List.of("events"), (stream, cursor, attempt) -> {
            ObjectNode event = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
            event.put("_id", "visit-" + instance);
            event.put("timestamp", "2026-11-01T10:00:00Z");
            event.put("eventType", "web.webpagedetails.pageViews");
            event.put("personKey", "102@" + instance + ".Marketo");
            event.putObject("web").putObject("webPageDetails").put("URL", "https://bodea.com/products/new");
            return new Page(List.of(), List.of(event), "e1", true);
        });
        String sourceId = runs.createScripted(script, instance, "", null);

        JsonNode run = runs.run(sourceId);

        assertThat(run.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(run.get("eventsPublished").longValue()).isEqualTo(1);
        try (PublishedMessages events = PublishedMessages.on(environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                "cdp.xdm.events.v1")) {
            assertThat(events.readToEnd(ofSource(sourceId))).singleElement()
                    .satisfies(e -> assertThat(e.key()).isEqualTo("102@" + instance + ".Marketo"));
        }
    }

    @Test
    void shouldNotMoveTheCursorWhenKafkaDoesNotAcknowledge() {
        ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> twoPages(stream, cursor));
        String sourceId = runs.createScripted(script, instance, "", null);
        try (UnreachableKafka kafka = new UnreachableKafka()) {
            SyncRunner brokerDown = new SyncRunner(sources, contexts,
                    new PagePublisher(messages, kafka.publisher(), properties, meters), runRepository, cursors, leases,
                    properties, runMeters);
            try {
                RunResponse started = brokerDown.start(UUID.fromString(sourceId), "manual", false);
                JsonNode run = runs.awaitEnd(sourceId, started.id().toString());

                assertThat(run.get("status").stringValue()).isEqualTo("failed");
                assertThat(run.get("error").stringValue()).contains("Kafka did not acknowledge");
                assertThat(run.get("recordsPublished").longValue()).isZero();
            } finally {
                brokerDown.destroy();
            }
        }
        assertThat(cursors.find(UUID.fromString(sourceId), "accounts")).isEmpty();

        JsonNode next = runs.run(sourceId);
        assertThat(next.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(keysPublished(sourceId)).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void shouldAnswer409WhileALiveRunHoldsTheLease() {
        ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> twoPages(stream, cursor));
        String sourceId = runs.createScripted(script, instance, "", null);
        assertThat(leases.take(UUID.fromString(sourceId), UUID.randomUUID(), Duration.ofMinutes(5))).isTrue();

        IngestionApi.Response second = api.post("/v1/sources/" + sourceId + "/runs");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.body().get("detail").stringValue()).contains("run in progress");
        assertThat(api.get("/v1/sources/" + sourceId + "/runs").body().get("items")).isEmpty();
    }

    @Test
    void shouldTakeOverALeaseLeftByADeadRunAndMarkThatRunFailed() {
        ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> twoPages(stream, cursor));
        String sourceId = runs.createScripted(script, instance, "", null);
        UUID source = UUID.fromString(sourceId);
        UUID dead = UUID.randomUUID();
        jdbc.sql("INSERT INTO ingestion.source_run (id, source_id, trigger, full_sync, status, started_at)"
                        + " VALUES (:id, :source, 'schedule', false, 'running', :started)")
                .param("id", dead).param("source", source).param("started", Timestamp.from(Instant.now().minusSeconds(600)))
                .update();
        jdbc.sql("INSERT INTO ingestion.source_lease (source_id, run_id, expires_at) VALUES (:source, :run, now() - interval '1 minute')")
                .param("source", source).param("run", dead).update();

        JsonNode run = runs.run(sourceId);

        assertThat(run.get("status").stringValue()).isEqualTo("succeeded");
        JsonNode deadRun = api.get("/v1/sources/" + sourceId + "/runs/" + dead).body();
        assertThat(deadRun.get("status").stringValue()).isEqualTo("failed");
        assertThat(deadRun.get("error").stringValue()).isEqualTo("the service stopped during the run");
        assertThat(deadRun.get("finishedAt").isString()).isTrue();
    }

    @Test
    void shouldMarkARunWhoseLeaseExpiredFailedOnTheSchedulersPass() {
        ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> twoPages(stream, cursor));
        UUID source = UUID.fromString(runs.createScripted(script, instance, "", null));
        UUID dead = UUID.randomUUID();
        jdbc.sql("INSERT INTO ingestion.source_run (id, source_id, trigger, full_sync, status, started_at)"
                        + " VALUES (:id, :source, 'manual', false, 'running', now())")
                .param("id", dead).param("source", source).update();

        scheduler.tick();

        assertThat(runRepository.find(source, dead).orElseThrow().error()).isEqualTo("the service stopped during the run");
    }

    @Test
    void shouldFailTheRunWhenTheDailyQuotaIsSpentAndNotStartAgainBeforeTheNextDay() {
        ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> twoPages(stream, cursor));
        String probe = "\"probeUrl\":\"http://localhost:" + port + "/actuator/health/liveness\",\"dailyQuota\":1";
        String sourceId = runs.createScripted(script, instance, probe, null);

        JsonNode run = runs.run(sourceId);

        assertThat(run.get("status").stringValue()).isEqualTo("failed");
        assertThat(run.get("error").stringValue()).contains("daily quota of 1 API calls").contains("is spent");
        assertThat(run.get("apiCalls").longValue()).isEqualTo(1);
        assertThat(run.get("recordsPublished").longValue()).isEqualTo(2);
        Instant notBefore = jdbc.sql("SELECT not_before FROM ingestion.source_run WHERE id = :id")
                .param("id", UUID.fromString(run.get("id").stringValue())).query(Timestamp.class).single().toInstant();
        assertThat(notBefore).isAfter(Instant.now());
        api.putJson("/v1/sources/" + sourceId, "{\"schedule\":{\"interval\":\"PT1M\"}}");
        // the interval is due: only the spent quota holds the next run back
        jdbc.sql("UPDATE ingestion.source_run SET started_at = now() - interval '2 minutes' WHERE id = :id")
                .param("id", UUID.fromString(run.get("id").stringValue())).update();
        assertThat(scheduler.startDueRuns()).doesNotContain(UUID.fromString(sourceId));
        assertThat(api.get("/v1/sources/" + sourceId + "/runs").body().get("items")).hasSize(1);
    }

    @Test
    void shouldStartAnIntervalScheduleOnItsOwn() {
        ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> twoPages(stream, cursor));
        String sourceId = runs.createScripted(script, instance, "", "{\"interval\":\"PT1M\"}");

        JsonNode run = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/v1/sources/" + sourceId + "/runs").body().get("items"), items -> !items.isEmpty()).get(0);

        assertThat(run.get("trigger").stringValue()).isEqualTo("schedule");
        assertThat(runs.awaitEnd(sourceId, run.get("id").stringValue()).get("status").stringValue()).isEqualTo("succeeded");
        // due again only a minute after its start
        assertThat(scheduler.startDueRuns()).doesNotContain(UUID.fromString(sourceId));
    }

    @Test
    void shouldNotStartAPausedSourcesScheduleUntilResumed() {
        ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> twoPages(stream, cursor));
        String sourceId = runs.createScripted(script, instance, "", null);
        assertThat(api.post("/v1/sources/" + sourceId + "/pause").body().get("paused").booleanValue()).isTrue();
        assertThat(api.putJson("/v1/sources/" + sourceId, "{\"schedule\":{\"interval\":\"PT1M\"}}").status()).isEqualTo(200);

        assertThat(scheduler.startDueRuns()).doesNotContain(UUID.fromString(sourceId));
        assertThat(api.get("/v1/sources/" + sourceId + "/runs").body().get("items")).isEmpty();

        assertThat(api.post("/v1/sources/" + sourceId + "/resume").body().get("paused").booleanValue()).isFalse();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/v1/sources/" + sourceId + "/runs").body().get("items"), items -> !items.isEmpty());
    }
}
