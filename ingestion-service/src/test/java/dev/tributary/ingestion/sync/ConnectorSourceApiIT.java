package dev.tributary.ingestion.sync;

import dev.tributary.ingestion.IngestionApi;
import dev.tributary.ingestion.IngestionIntegrationTest;
import dev.tributary.ingestion.connector.ConnectorException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sources API for connector types: checked configuration, sealed secrets, schedules, tests. */
@IngestionIntegrationTest
class ConnectorSourceApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    IngestionApi api;
    ConnectorRuns runs;
    String script;
    String instance;

    @BeforeEach
    void setUp() {
        api = new IngestionApi(port);
        runs = new ConnectorRuns(api);
        script = "s-" + UUID.randomUUID();
        instance = ConnectorRuns.instance();
        ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> {
            throw ConnectorException.permanent("not read in these tests");
        });
    }

    private long sourcesOf(String instanceId) {
        return jdbc.sql("SELECT count(*) FROM ingestion.source WHERE instance_id = :instance").param("instance", instanceId)
                .query(Long.class).single();
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("errors").values().stream().map(e -> e.get("field").stringValue()).toList();
    }

    @Test
    void shouldRefuseAnUnknownTypeListingTheValidOnes() {
        IngestionApi.Response response = api.postJson("/v1/sources",
                "{\"name\":\"x\",\"type\":\"sap\",\"instanceId\":\"" + instance + "\",\"config\":{}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/errors/0/field").stringValue()).isEqualTo("type");
        assertThat(response.body().at("/errors/0/message").stringValue()).contains("'sap'").contains("file", "web", "mdm", "scripted");
        assertThat(sourcesOf(instance)).isZero();
    }

    @Test
    void shouldListEveryConfigurationErrorAtOnceLocatedAtItsFieldAndSaveNothing() {
        IngestionApi.Response response = api.postJson("/v1/sources", "{\"name\":\"x\",\"type\":\"scripted\",\"instanceId\":\""
                + instance + "\",\"config\":{\"dailyQuota\":\"many\",\"pageSize\":\"0\",\"probeUrl\":\"ftp://x\",\"colour\":\"red\"},"
                + "\"schedule\":{\"interval\":\"PT10S\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(fields(response.body())).containsExactlyInAnyOrder("config.colour", "config.script", "config.apiSecret",
                "config.probeUrl", "config.dailyQuota", "config.pageSize", "schedule.interval");
        assertThat(sourcesOf(instance)).isZero();
    }

    @Test
    void shouldRefuseAConfigurationTheSourceRejectsWhenTriedAndSaveNothing() {
        ScriptedConnector.register(script, List.of("accounts"), (stream, cursor, attempt) -> null).validateFailure =
                ConnectorException.badConfig("apiSecret", "the source refused the credentials (401)");

        IngestionApi.Response response = api.postJson("/v1/sources", "{\"name\":\"x\",\"type\":\"scripted\",\"instanceId\":\""
                + instance + "\",\"config\":{\"script\":\"" + script + "\",\"apiSecret\":\"wrong\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/errors/0/field").stringValue()).isEqualTo("config.apiSecret");
        assertThat(response.body().at("/errors/0/message").stringValue()).isEqualTo("the source refused the credentials (401)");
        assertThat(response.body().toString()).doesNotContain("\"wrong\"");
        assertThat(sourcesOf(instance)).isZero();
    }

    @Test
    void shouldSealSecretsAtRestAndNeverReturnThem() {
        String id = runs.createScripted(script, instance, "\"dailyQuota\":5", "{\"cron\":\"0 0 3 * * *\"}");
        String secret = "s3cr3t-" + script;

        byte[] sealed = jdbc.sql("SELECT secrets FROM ingestion.source WHERE id = :id").param("id", UUID.fromString(id))
                .query(byte[].class).single();
        assertThat(sealed).isNotEmpty();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(jdbc.sql("SELECT config::text FROM ingestion.source WHERE id = :id").param("id", UUID.fromString(id))
                .query(String.class).single()).doesNotContain(secret);

        JsonNode source = api.get("/v1/sources/" + id).body();
        assertThat(source.get("type").stringValue()).isEqualTo("scripted");
        assertThat(source.get("config").get("script").stringValue()).isEqualTo(script);
        assertThat(source.get("config").get("dailyQuota").intValue()).isEqualTo(5);
        assertThat(source.get("config").get("pageSize").intValue()).isEqualTo(100);
        assertThat(source.get("config").has("apiSecret")).isFalse();
        assertThat(source.get("secretsSet").values().stream().map(JsonNode::stringValue)).containsExactly("apiSecret");
        assertThat(source.get("schedule").get("cron").stringValue()).isEqualTo("0 0 3 * * *");
        assertThat(source.get("paused").booleanValue()).isFalse();
        assertThat(source.get("lastRun").isNull()).isTrue();
        assertThat(api.get("/v1/sources").body().toString()).doesNotContain(secret);

        // an edit that names no secret keeps it: the connector still receives it
        IngestionApi.Response edited = api.putJson("/v1/sources/" + id,
                "{\"name\":\"renamed\",\"config\":{\"script\":\"" + script + "\",\"dailyQuota\":7},\"schedule\":null}");
        assertThat(edited.status()).as(String.valueOf(edited.body())).isEqualTo(200);
        assertThat(edited.body().toString()).doesNotContain(secret);
        assertThat(edited.body().get("name").stringValue()).isEqualTo("renamed");
        assertThat(edited.body().get("config").get("dailyQuota").intValue()).isEqualTo(7);
        assertThat(edited.body().get("schedule").isNull()).isTrue();
        assertThat(edited.body().get("secretsSet")).hasSize(1);
        assertThat(api.post("/v1/sources/" + id + "/test").body().get("ok").booleanValue()).isTrue();
    }

    @Test
    void shouldAnswerTheTestWith422AndTheReasonWhenTheStoredConfigurationFails() {
        String id = runs.createScripted(script, instance, "", null);
        ScriptedConnector.Script scripted = ScriptedConnector.register(script, List.of("accounts"), (s, c, a) -> null);
        assertThat(api.post("/v1/sources/" + id + "/test").status()).isEqualTo(200);
        assertThat(scripted.lastConfig.get("apiSecret")).isEqualTo("s3cr3t-" + script);

        scripted.validateFailure = ConnectorException.retriable("connect timed out", null);
        IngestionApi.Response failed = api.post("/v1/sources/" + id + "/test");

        assertThat(failed.status()).isEqualTo(422);
        assertThat(failed.body().get("detail").stringValue()).isEqualTo("connect timed out");
    }

    @Test
    void shouldRefuseAnEditWithAnInvalidConfigurationAndKeepTheStoredOne() {
        String id = runs.createScripted(script, instance, "", null);

        IngestionApi.Response edited = api.putJson("/v1/sources/" + id, "{\"config\":{\"script\":\"" + script
                + "\",\"dailyQuota\":true},\"schedule\":{\"cron\":\"every day\"}}");

        assertThat(edited.status()).isEqualTo(400);
        assertThat(fields(edited.body())).containsExactlyInAnyOrder("config.dailyQuota", "schedule.cron");
        assertThat(api.get("/v1/sources/" + id).body().get("config").get("dailyQuota").intValue()).isZero();
    }

    @Test
    void shouldDescribeEverySourceType() {
        JsonNode types = api.get("/v1/source-types").body().get("items");

        JsonNode file = types.values().stream().filter(t -> t.get("type").stringValue().equals("file")).findFirst().orElseThrow();
        assertThat(file.get("pushOnly").booleanValue()).isTrue();
        JsonNode mdm = types.values().stream().filter(t -> t.get("type").stringValue().equals("mdm")).findFirst().orElseThrow();
        assertThat(mdm.get("pushOnly").booleanValue()).isFalse();
        JsonNode format = mdm.get("configFields").get(1);
        assertThat(format.get("name").stringValue()).isEqualTo("format");
        assertThat(format.get("type").stringValue()).isEqualTo("enum");
        assertThat(format.get("defaultValue").stringValue()).isEqualTo("ndjson");
        assertThat(format.get("allowedValues").values().stream().map(JsonNode::stringValue)).containsExactly("ndjson", "csv");
        assertThat(mdm.get("configFields").get(0).get("required").booleanValue()).isTrue();
    }

    @Test
    void shouldRefuseConfigurationOrScheduleOnAPushOnlySourceAndRunsOfIt() {
        IngestionApi.Response withConfig = api.postJson("/v1/sources", "{\"name\":\"x\",\"type\":\"file\",\"instanceId\":\""
                + instance + "\",\"config\":{\"location\":\"/tmp\"},\"schedule\":{\"interval\":\"PT1H\"}}");
        assertThat(withConfig.status()).isEqualTo(400);
        assertThat(fields(withConfig.body())).containsExactly("config", "schedule");

        String file = api.createSource("push only");
        assertThat(api.post("/v1/sources/" + file + "/runs").status()).isEqualTo(400);
        assertThat(api.get("/v1/sources/" + file + "/runs").body().get("items")).isEmpty();
        assertThat(api.get("/v1/sources/" + file).body().get("config")).isEmpty();
    }
}
