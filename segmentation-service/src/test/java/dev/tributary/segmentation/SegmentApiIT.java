package dev.tributary.segmentation;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST contract: validation, problem details, authentication, and nothing stored half-way. */
@SegmentationIntegrationTest
class SegmentApiIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    SegmentationApi api;

    @BeforeEach
    void clean() {
        api = new SegmentationApi(port);
        SegmentationFixtures.truncate(jdbc);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unparseable       | sum(accounts.opportunities.amount where) >",
            "unknown attribute | shoeSize > 42",
            "type mismatch     | exists(accounts.opportunities where amount contains 3)",
            "absurd window     | exists(events where timestamp in last 100000000 days)"})
    void shouldRejectAnInvalidQueryWithLocatedErrorsAndStoreNothing(String problem, String query) {
        SegmentationApi.Response response = api.post("/v1/segments", segment("Bad " + problem, "person", query, "batch"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("title").asString()).isEqualTo("Invalid segment query");
        JsonNode error = response.body().get("errors").get(0);
        assertThat(error.get("line").asInt()).isPositive();
        assertThat(error.get("column").asInt()).isPositive();
        assertThat(error.get("message").asString()).isNotBlank();
        assertNothingStored();
    }

    @Test
    void shouldRejectMissingNameAndUnknownEnumsAsFieldErrors() {
        SegmentationApi.Response response = api.post("/v1/segments",
                "{\"audience\":\"people\",\"query\":\"score > 1\",\"evaluation\":\"sometimes\"}");

        assertThat(response.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.body().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("name", "audience", "evaluation");
        assertNothingStored();
    }

    @Test
    void shouldRejectAScheduleThatIsNotAnIsoDuration() {
        Map<String, Object> body = new HashMap<>(Map.of("name", "x", "audience", "person", "query", "score > 1",
                "schedule", "every hour"));
        SegmentationApi.Response response = api.post("/v1/segments", SegmentationApi.json(body));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("schedule");
        assertNothingStored();
    }

    @Test
    void shouldRejectInSegmentOfAnUnknownSegment() {
        SegmentationApi.Response response = api.post("/v1/segments",
                segment("x", "person", "inSegment(\"no-such-segment\")", "batch"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("detail").asString()).contains("no-such-segment");
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /v1/segments/nope", "DELETE /v1/segments/nope", "GET /v1/segments/nope/members",
            "GET /v1/segments/nope/history", "POST /v1/segments/nope/evaluations",
            "GET /v1/segments/nope/members/p/explanation", "PUT /v1/segments/nope"})
    void shouldAnswerUnknownSegmentsWithNotFoundProblems(String call) {
        String[] parts = call.split(" ");
        SegmentationApi.Response response = switch (parts[0]) {
            case "GET" -> api.get(parts[1]);
            case "DELETE" -> api.delete(parts[1]);
            case "PUT" -> api.put(parts[1], segment("x", "person", "score > 1", "batch"));
            default -> api.post(parts[1], "");
        };

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("title").asString()).isEqualTo("Segment not found");
    }

    @Test
    void shouldRequireTheBearerToken() {
        SegmentationApi.Response response = api.send(api.requestWithoutToken("/v1/segments").GET());

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void shouldServeTheOpenApiDocumentWithoutAToken() {
        SegmentationApi.Response response = api.send(api.requestWithoutToken("/openapi.yaml").GET());

        assertThat(response.status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1001})
    void shouldRejectAMembersPageSizeOutsideOneToAThousand(int limit) {
        String id = SegmentationFixtures.createSegment(api, "x", "person", "score > 1", "batch");

        SegmentationApi.Response response = api.get("/v1/segments/" + id + "/members?limit=" + limit);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("limit");
    }

    @Test
    void shouldCreateReadUpdateAndDeleteASegment() {
        SegmentationApi.Response created = api.post("/v1/segments",
                segment("High scorers", "person", "score>80   AND country = \"US\"", "streaming"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asString();
        assertThat(created.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/v1/segments/" + id));
        assertThat(created.body().get("normalisedQuery").asString()).isEqualTo("score > 80 and country = \"US\"");
        assertThat(created.body().get("evaluation").asString()).isEqualTo("streaming");

        assertThat(api.get("/v1/segments/" + id).body().get("name").asString()).isEqualTo("High scorers");
        assertThat(api.get("/v1/segments").body()).hasSize(1);

        SegmentationApi.Response updated = api.put("/v1/segments/" + id, segment("High scorers", "person", "score > 90", "batch"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("normalisedQuery").asString()).isEqualTo("score > 90");
        assertThat(updated.body().get("version").asLong()).isEqualTo(1);

        SegmentationApi.Response rejected = api.put("/v1/segments/" + id, segment("High scorers", "person", "score >", "batch"));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(api.get("/v1/segments/" + id).body().get("normalisedQuery").asString()).isEqualTo("score > 90");

        assertThat(api.delete("/v1/segments/" + id).status()).isEqualTo(204);
        assertThat(api.get("/v1/segments/" + id).status()).isEqualTo(404);
    }

    @Test
    void shouldPreviewWithoutStoringAnything() {
        SegmentationApi.Response preview = api.post("/v1/segments/preview",
                SegmentationApi.json(Map.of("audience", "account", "query", "employees > 10")));

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body().get("count").asLong()).isZero();
        assertThat(preview.body().get("sample")).isEmpty();
        assertNothingStored();
    }

    private void assertNothingStored() {
        assertThat(api.get("/v1/segments").body()).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM segmentation.segment").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM segmentation.evaluation").query(Long.class).single()).isZero();
    }

    private static String segment(String name, String audience, String query, String evaluation) {
        return SegmentationApi.json(Map.of("name", name, "audience", audience, "query", query, "evaluation", evaluation));
    }
}
