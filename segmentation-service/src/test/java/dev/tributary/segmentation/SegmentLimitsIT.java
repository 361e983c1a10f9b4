package dev.tributary.segmentation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The API's limits (ADR 0022): rule size and nesting, read timeouts, and the queue of requested evaluations. */
@SegmentationIntegrationTest
class SegmentLimitsIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String TEN_THOUSAND_PARENTHESES = "(".repeat(10_000) + "score > 1" + ")".repeat(10_000);
    /** Within the length limit, so that the nesting is what is refused. */
    private static final String FOUR_THOUSAND_PARENTHESES = "(".repeat(4_000) + "score > 1" + ")".repeat(4_000);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    SegmentationApi api;
    Connection blocker;

    @BeforeEach
    void clean() {
        api = new SegmentationApi(port);
        SegmentationFixtures.truncate(jdbc);
    }

    @AfterEach
    void release() throws SQLException {
        if (blocker != null) {
            unblock();
        }
    }

    /** Ends the test's locks: the pooled connection outlives close(), and a session's advisory lock with it. */
    private void unblock() throws SQLException {
        if (!blocker.getAutoCommit()) {
            blocker.rollback();
        }
        try (Statement statement = blocker.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock_all()");
        }
        blocker.close();
        blocker = null;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"create", "update", "preview"})
    void shouldRefuseTenThousandNestedParenthesesWithALocatedError(String call) {
        SegmentationApi.Response response = send(call, TEN_THOUSAND_PARENTHESES);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("title").asString()).isEqualTo("Invalid segment query");
        JsonNode error = response.body().get("errors").get(0);
        // 20,009 characters: refused by their number before they are read
        assertThat(error.get("line").asInt()).isEqualTo(1);
        assertThat(error.get("column").asInt()).isEqualTo(10_001);
        assertNoSegmentHolds(TEN_THOUSAND_PARENTHESES);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"create", "update", "preview"})
    void shouldRefuseNestingDeeperThanTheLimitAtTheLevelTooMany(String call) {
        SegmentationApi.Response response = send(call, FOUR_THOUSAND_PARENTHESES);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("title").asString()).isEqualTo("Invalid segment query");
        JsonNode error = response.body().get("errors").get(0);
        assertThat(error.get("line").asInt()).isEqualTo(1);
        assertThat(error.get("column").asInt()).isEqualTo(33);
        assertThat(error.get("message").asString()).contains("nesting deeper than 32 levels");
        assertNoSegmentHolds(FOUR_THOUSAND_PARENTHESES);
    }

    private void assertNoSegmentHolds(String query) {
        assertThat(jdbc.sql("SELECT count(*) FROM segmentation.segment WHERE query = ?").param(query)
                .query(Long.class).single()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"create", "update", "preview"})
    void shouldRefuseARuleLongerThanTheLimitAtItsFirstCharacterBeyondIt(String call) {
        String query = "score > 1 or\n" + "score > 2 or ".repeat(1_000) + "score > 3";

        SegmentationApi.Response response = send(call, query);

        assertThat(response.status()).isEqualTo(400);
        JsonNode error = response.body().get("errors").get(0);
        assertThat(error.get("line").asInt()).isEqualTo(2);
        assertThat(error.get("column").asInt()).isEqualTo(10_001 - 13);
        assertThat(error.get("message").asString()).contains("at most 10000 characters");
    }

    @Test
    void shouldAnswer503WhenAReadOutlastsTheStatementTimeout() throws SQLException {
        String id = SegmentationFixtures.createSegment(api, "High scorers", "person", "score > 90", "batch");
        awaitNoEvaluationPending(id);
        blocker = dataSource.getConnection();
        blocker.setAutoCommit(false);
        try (Statement statement = blocker.createStatement()) {
            // every read of membership and its history now waits until the timeout cancels it
            statement.execute("LOCK TABLE segmentation.membership, segmentation.membership_history IN ACCESS EXCLUSIVE MODE");
        }

        List<SegmentationApi.Response> reads = List.of(
                api.post("/v1/segments/preview", SegmentationApi.json(Map.of("audience", "person",
                        "query", "inSegment(\"" + id + "\")"))),
                api.get("/v1/segments/" + id + "/members"),
                api.get("/v1/segments/" + id + "/members/per_nobody/explanation"),
                api.get("/v1/segments/" + id + "/history"));

        for (SegmentationApi.Response read : reads) {
            assertThat(read.status()).isEqualTo(503);
            assertThat(read.contentType()).startsWith("application/problem+json");
            assertThat(read.body().get("title").asString()).isEqualTo("Query timed out");
            assertThat(read.body().get("detail").asString()).contains("took longer than 3 s");
        }
        unblock();
        assertThat(api.get("/v1/segments/" + id + "/members").status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer429WithRetryAfterWhenTooManyRequestedEvaluationsWait() throws Exception {
        String id = SegmentationFixtures.createSegment(api, "High scorers", "person", "score > 90", "batch");
        awaitNoEvaluationPending(id);
        blocker = dataSource.getConnection();
        try (Statement statement = blocker.createStatement()) {
            // the segment's evaluation lock: requested evaluations take the threads and wait, the rest queue
            statement.execute("SELECT pg_advisory_lock(hashtextextended('segmentation.evaluation:" + id + "', 0))");
        }
        List<String> accepted = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(api.request("/v1/segments/" + id + "/evaluations")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(202);
                accepted.add(response.headers().firstValue("Location").orElseThrow());
            }
        }

        assertThat(refused).as("a 429 after %d accepted", accepted.size()).isNotNull();
        assertThat(refused.headers().firstValue("Retry-After")).contains("30");
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("Too many evaluations queued");
        // 16 queued (cdp.segmentation.schedule.queue-capacity) and at most one per thread taken off the queue
        assertThat(accepted.size()).isBetween(16, 16 + 2);

        unblock();
        await().atMost(WAIT).untilAsserted(() -> assertThat(pending(id)).isZero());
        assertThat(jdbc.sql("SELECT count(*) FROM segmentation.evaluation WHERE segment_id = ? AND trigger = 'manual'"
                + " AND status = 'succeeded'").param(id).query(Long.class).single()).isEqualTo(accepted.size());
    }

    private SegmentationApi.Response send(String call, String query) {
        Map<String, Object> body = Map.of("name", "Deep", "audience", "person", "query", query, "evaluation", "batch");
        return switch (call) {
            case "create" -> api.post("/v1/segments", SegmentationApi.json(body));
            case "update" -> {
                String id = SegmentationFixtures.createSegment(api, "Shallow", "person", "score > 1", "batch");
                yield api.put("/v1/segments/" + id, SegmentationApi.json(body));
            }
            default -> api.post("/v1/segments/preview", SegmentationApi.json(Map.of("audience", "person", "query", query)));
        };
    }

    private void awaitNoEvaluationPending(String id) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(pending(id)).isZero());
    }

    private long pending(String id) {
        return jdbc.sql("SELECT count(*) FROM segmentation.evaluation WHERE segment_id = ? AND status IN ('queued', 'running')")
                .param(id).query(Long.class).single();
    }
}
