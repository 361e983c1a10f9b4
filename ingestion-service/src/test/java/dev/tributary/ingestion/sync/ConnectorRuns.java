package dev.tributary.ingestion.sync;

import dev.tributary.ingestion.IngestionApi;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Connector sources and runs through the API, for the framework's tests. */
final class ConnectorRuns {

    private final IngestionApi api;

    ConnectorRuns(IngestionApi api) {
        this.api = api;
    }

    static String instance() {
        return "scr-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A scripted source of {@code instance}; {@code extraConfig} is more JSON members of its config, or "". */
    String createScripted(String script, String instance, String extraConfig, String schedule) {
        IngestionApi.Response created = api.postJson("/v1/sources", "{\"name\":\"" + script + "\",\"type\":\"scripted\","
                + "\"instanceId\":\"" + instance + "\",\"config\":{\"script\":\"" + script + "\",\"apiSecret\":\"s3cr3t-" + script + "\""
                + (extraConfig.isEmpty() ? "" : "," + extraConfig) + "}"
                + (schedule == null ? "" : ",\"schedule\":" + schedule) + "}");
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return created.body().get("id").stringValue();
    }

    JsonNode start(String sourceId, boolean fullSync) {
        IngestionApi.Response started = fullSync ? api.postJson("/v1/sources/" + sourceId + "/runs", "{\"fullSync\":true}")
                : api.post("/v1/sources/" + sourceId + "/runs");
        assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(202);
        assertThat(started.body().get("status").stringValue()).isEqualTo("running");
        return started.body();
    }

    /** Starts a run and waits for it to end. */
    JsonNode run(String sourceId) {
        return awaitEnd(sourceId, start(sourceId, false).get("id").stringValue());
    }

    JsonNode awaitEnd(String sourceId, String runId) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get("/v1/sources/" + sourceId + "/runs/" + runId).body(),
                        run -> !"running".equals(run.get("status").stringValue()));
    }
}
