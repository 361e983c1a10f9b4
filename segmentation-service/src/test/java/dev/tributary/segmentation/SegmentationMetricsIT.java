package dev.tributary.segmentation;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static dev.tributary.segmentation.SegmentationFixtures.SEED_QUERY;
import static dev.tributary.segmentation.SegmentationFixtures.memberEmails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an operator scraping /actuator/prometheus sees of segment evaluations. */
@SegmentationIntegrationTest
class SegmentationMetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldTimeEachSegmentsEvaluationsAndTheStreamingLatencyInPrometheus() throws Exception {
        clock.reset();
        SegmentationApi api = new SegmentationApi(port);
        SegmentationFixtures.loadSeedScenario(jdbc);
        String segmentId = SegmentationFixtures.createSegment(api, "Metered buyers", "person", SEED_QUERY, "streaming");
        await().atMost(WAIT).until(() -> memberEmails(api, segmentId).equals(Set.of("p2@townsend.com")));

        // p1 enters by streaming
        SegmentationFixtures.pageView(SegmentationFixtures.P1_MARKETO, Instant.now().minus(Duration.ofMinutes(5)));
        await().atMost(WAIT).until(() -> memberEmails(api, segmentId).size() == 2);

        String metrics = await().atMost(WAIT).until(this::scrape, m -> m.matches(
                "(?s).*cdp_segmentation_evaluation_seconds_count\\{[^}]*segment=\"" + segmentId
                        + "\"[^}]*trigger=\"streaming\"[^}]*} [1-9].*"));
        assertThat(metrics).containsPattern("cdp_segmentation_evaluation_seconds_count\\{[^}]*segment=\"" + segmentId
                + "\"[^}]*trigger=\"batch\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("cdp_segmentation_streaming_latency_seconds_count\\{[^}]*} [1-9]");
        assertThat(metrics).containsPattern("cdp_kafka_consumer_lag_messages\\{[^}]*group=\"segmentation-service\"[^}]*} \\d");
        assertThat(metrics).containsPattern("cdp_outbox_backlog_rows\\{[^}]*table=\"segmentation.outbox\"[^}]*} \\d");
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).header("Authorization", "Bearer test-token").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
