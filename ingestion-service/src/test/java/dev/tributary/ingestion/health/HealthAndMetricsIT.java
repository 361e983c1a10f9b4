package dev.tributary.ingestion.health;

import dev.tributary.embedded.EmbeddedPostgresServer;
import dev.tributary.embedded.SharedInfrastructure;
import dev.tributary.ingestion.IngestionApi;
import dev.tributary.ingestion.IngestionIntegrationTest;
import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.tributary.ingestion.XdmFixtures.ACCOUNT_LINE;
import static dev.tributary.ingestion.XdmFixtures.ndjson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The actuator endpoints docker-compose and Prometheus call: open, and telling the truth about PostgreSQL. */
@IngestionIntegrationTest
class HealthAndMetricsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    IngestionApi api;

    @BeforeEach
    void setUp() {
        api = new IngestionApi(port);
    }

    @Test
    void shouldAnswerLivenessAndReadinessWithoutAuthorization() throws Exception {
        HttpResponse<String> liveness = getWithoutToken("/actuator/health/liveness");
        HttpResponse<String> readiness = awaitReadiness(200);

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(status(liveness)).isEqualTo("UP");
        assertThat(status(readiness)).isEqualTo("UP");
    }

    @Test
    void shouldExposeOnlyHealthAndPrometheus() throws Exception {
        assertThat(getAsAdmin("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(getAsAdmin("/actuator/beans").statusCode()).isEqualTo(404);
        assertThat(getAsAdmin("/actuator/metrics").statusCode()).isEqualTo(404);
        assertThat(getAsAdmin("/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldCountAcceptedAndRejectedRecordsPerSourceInPrometheus() throws Exception {
        String sourceId = api.createSource("metered");
        String invalid = "{\"class\":\"account\",\"data\":{\"accountName\":\"no key\"}}";
        assertThat(api.postNdjson("/v1/sources/" + sourceId + "/records", ndjson(ACCOUNT_LINE, ACCOUNT_LINE, invalid))
                .status()).isEqualTo(202);

        String metrics = getAsAdmin("/actuator/prometheus").body();

        assertThat(metrics).containsPattern(
                "cdp_ingestion_records_total\\{[^}]*outcome=\"accepted\"[^}]*sourceId=\"" + sourceId + "\"[^}]*} 2\\.0");
        assertThat(metrics).containsPattern(
                "cdp_ingestion_records_total\\{[^}]*outcome=\"rejected\"[^}]*sourceId=\"" + sourceId + "\"[^}]*} 1\\.0");
        // Kafka client metrics of the producer, from spring-kafka's MicrometerProducerListener
        assertThat(metrics).contains("kafka_producer_");
    }

    @Test
    void shouldTurnNotReadyWhilePostgresIsDownAndReadyOnceItIsBack() throws Exception {
        EmbeddedPostgresServer postgres = SharedInfrastructure.postgres();
        awaitReadiness(200);
        try {
            postgres.stop();

            HttpResponse<String> notReady = awaitReadiness(503);
            assertThat(status(notReady)).isEqualTo("DOWN");
            // liveness does not depend on the database: a restart would not bring it back
            assertThat(getWithoutToken("/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            postgres.restart();
        }

        assertThat(status(awaitReadiness(200))).isEqualTo("UP");
    }

    /** A readiness call waits for a connection up to Hikari's connection timeout (30 s) while PostgreSQL is down. */
    private HttpResponse<String> awaitReadiness(int expectedStatus) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> getWithoutToken("/actuator/health/readiness"), r -> r.statusCode() == expectedStatus);
    }

    private HttpResponse<String> getWithoutToken(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Prometheus is for the admin scope; the bootstrap token has it. */
    private HttpResponse<String> getAsAdmin(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).header("Authorization", "Bearer " + IngestionApi.TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60)).GET();
    }

    private static String status(HttpResponse<String> response) {
        return XdmJson.mapper().readTree(response.body()).get("status").asString();
    }
}
