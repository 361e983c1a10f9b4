package dev.tributary.profile;

import dev.tributary.profile.ProfileFixtures.Line;
import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an operator scraping /actuator/prometheus sees of the profile consumer. */
@ProfileIntegrationTest
class ProfileMetricsIT {

    private static final Pattern ACCOUNT_MERGES = Pattern.compile(
            "cdp_profile_merges_total\\{[^}]*entityType=\"account\"[^}]*} (\\S+)");

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void cleanProfiles() {
        ProfileFixtures.truncate(jdbc);
    }

    @Test
    void shouldCountTheMergeAndTimeTheBatchesAndShowLagAndOutboxInPrometheus() throws Exception {
        List<Line> lines = ProfileFixtures.townsend();
        ProfileFixtures.publish(kafka, lines.stream().filter(l -> !l.key().equals("T-1@mdm-1.MDM")).toList());
        awaitFragments("/v1/accounts?identity=" + encode("b2b_account:1@mkto-1.Marketo"), 2);
        awaitFragments("/v1/accounts?identity=" + encode("b2b_account:2@mkto-2.Marketo"), 2);
        double mergesBefore = accountMerges(scrape());

        // the MDM record links both lines' accounts: one merge
        ProfileFixtures.publish(kafka, List.of(ProfileFixtures.find(lines, "T-1@mdm-1.MDM")));

        String metrics = await().atMost(Duration.ofSeconds(30)).until(this::scrape,
                m -> accountMerges(m) >= mergesBefore + 1);
        assertThat(metrics).containsPattern("cdp_profile_batch_seconds_count\\{[^}]*kind=\"records\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("cdp_profile_batch_phase_seconds_count\\{[^}]*phase=\"fragments\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("cdp_profile_batch_phase_seconds_count\\{[^}]*phase=\"account identity\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("cdp_kafka_consumer_lag_messages\\{[^}]*group=\"profile-service\"[^}]*} \\d");
        assertThat(metrics).containsPattern("cdp_outbox_backlog_rows\\{[^}]*table=\"profile.outbox\"[^}]*} \\d");
        assertThat(metrics).containsPattern("cdp_outbox_oldest_age_seconds\\{[^}]*table=\"profile.outbox\"[^}]*} \\d");
        // Kafka's own client metrics, from spring-kafka's MicrometerConsumerListener
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(metrics).containsPattern("cdp_profile_dead_letters_messages\\{[^}]*status=\"open\"[^}]*} \\d");
    }

    private static double accountMerges(String metrics) {
        Matcher matcher = ACCOUNT_MERGES.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).header("Authorization", "Bearer test-token").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private JsonNode awaitFragments(String path, int fragments) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> getOrNull(path),
                p -> p != null && p.get("fragments").size() == fragments);
    }

    private JsonNode getOrNull(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer test-token").build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? XdmJson.mapper().readTree(response.body()) : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
