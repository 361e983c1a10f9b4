package dev.tributary.standalone;

import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The README's run command, end to end: every service in one JVM, the demo loaded through the APIs. */
class StandaloneDemoIT {

    @TempDir
    static Path data;

    static TributaryStandalone standalone;
    static String segmentId;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startWithDemo() throws Exception {
        StandaloneOptions options = StandaloneOptions.parse(new String[]{"--demo", "--data-dir=" + data}, Map.of(
                "CDP_API_TOKEN", "standalone-test-token",
                "CDP_INGESTION_PORT", String.valueOf(freePort()),
                "CDP_PROFILE_PORT", String.valueOf(freePort()),
                "CDP_SEGMENTATION_PORT", String.valueOf(freePort())));
        standalone = new TributaryStandalone(options);
        standalone.start(new String[0]);
        segmentId = new TownsendDemo(standalone.baseUrls(), standalone.apiToken()).load();
    }

    @AfterAll
    static void stop() {
        if (standalone != null) {
            standalone.close();
        }
    }

    @Test
    void shouldFindOnlyP2InTheSeedSegmentOfTheDemo() {
        JsonNode members = await().atMost(Duration.ofSeconds(60)).until(
                () -> get(standalone.baseUrls().segmentation() + "/v1/segments/" + segmentId + "/members"),
                m -> m != null && m.get("items").size() == 1);
        assertThat(members.get("items").get(0).get("email").asString()).isEqualTo("p2@townsend.com");
    }

    @Test
    void shouldKeepTheDataDirectoryUnderTheConfiguredPath() {
        assertThat(data.resolve("postgres").resolve("PG_VERSION")).exists();
    }

    @Test
    void shouldRejectCallsWithoutTheToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(standalone.baseUrls().profile() + "/v1/accounts?identity=b2b_account:T-1@mdm-1.MDM")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer standalone-test-token").build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? XdmJson.mapper().readTree(response.body()) : null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
