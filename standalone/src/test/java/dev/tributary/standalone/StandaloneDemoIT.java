package dev.tributary.standalone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The README's run command, end to end: every service in one JVM, the demo loaded through the APIs. */
class StandaloneDemoIT {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** The loggers the standalone's own logback.xml quiets; everything else logs at INFO there. */
    private static final List<String> QUIET = List.of("org.apache.kafka", "kafka", "state.change.logger", "io.zonky");

    @TempDir
    static Path data;

    static TributaryStandalone standalone;
    static String segmentId;
    static ListAppender<ILoggingEvent> logs;
    static final Map<String, Level> testLevels = new HashMap<>();

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
        // after the services started: the first of them configured Logback, which drops appenders added before
        captureLogsAtTheStandalonesLevels();
        segmentId = new TownsendDemo(standalone.baseUrls(), standalone.apiToken()).load();
    }

    /** Root at INFO as in the standalone's logback.xml (this module's logback-test.xml logs WARN only). */
    private static void captureLogsAtTheStandalonesLevels() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : concat(List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.tributary", "org.apache.zookeeper"), QUIET)) {
            testLevels.put(name, context.getLogger(name).getLevel());
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        context.getLogger("dev.tributary").setLevel(null);
        context.getLogger("org.apache.zookeeper").setLevel(null);
        QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        logs = new ListAppender<>();
        logs.setContext(context);
        logs.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
    }

    @AfterAll
    static void stop() {
        try {
            if (standalone != null) {
                standalone.close();
            }
        } finally {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            if (logs != null) {
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
            }
            testLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
        }
    }

    @Test
    void shouldLogNoEmailAddressAtInfoOrAboveWhileTheTownsendDemoFlowsThroughEveryService() {
        // the flow's end: p2's membership, decided by streaming or by the segment's first evaluation
        await().atMost(Duration.ofSeconds(60)).until(
                () -> get(standalone.baseUrls().segmentation() + "/v1/segments/" + segmentId + "/members"),
                m -> m != null && m.get("items").size() == 1);
        List<ILoggingEvent> captured;
        synchronized (logs) {
            captured = new ArrayList<>(logs.list);
        }

        assertThat(captured).as("the capture saw the services log").isNotEmpty();
        assertThat(captured.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .filter(e -> EMAIL.matcher(e.getFormattedMessage()).find() || (e.getThrowableProxy() != null
                        && EMAIL.matcher(ThrowableProxyUtil.asString(e.getThrowableProxy())).find()))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()))
                .isEmpty();
    }

    @Test
    void shouldAnswerEachServicesProbesWithoutAuthorizationAndItsOwnMetricsOnItsOwnPort() throws Exception {
        Map<String, String> services = Map.of("ingestion-service", standalone.baseUrls().ingestion(),
                "profile-service", standalone.baseUrls().profile(),
                "segmentation-service", standalone.baseUrls().segmentation());
        for (Map.Entry<String, String> service : services.entrySet()) {
            HttpResponse<String> readiness = await().atMost(Duration.ofSeconds(60)).until(
                    () -> getWithoutToken(service.getValue() + "/actuator/health/readiness"), r -> r.statusCode() == 200);
            assertThat(readiness.body()).as(service.getKey()).contains("\"status\":\"UP\"");
            assertThat(getWithoutToken(service.getValue() + "/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(getAsAdmin(service.getValue() + "/actuator/prometheus").body()).as(service.getKey())
                    .contains("application=\"" + service.getKey() + "\"")
                    .doesNotContain("application=\"" + (service.getKey().equals("profile-service") ? "ingestion-service" : "profile-service") + "\"");
        }
    }

    private HttpResponse<String> getWithoutToken(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Prometheus is for the admin scope; the bootstrap token has it. */
    private HttpResponse<String> getAsAdmin(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer standalone-test-token").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
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

    @Test
    void shouldApplyTheValidRecordsAroundLinesTheDatabaseCouldNotHold() throws Exception {
        String ingestion = standalone.baseUrls().ingestion();
        JsonNode source = XdmJson.mapper().readTree(post(ingestion + "/v1/sources", "application/json",
                "{\"name\":\"Door CRM\",\"type\":\"file\",\"instanceId\":\"door-1\"}").body());
        String batch = String.join("\n",
                account("D-1", "Before", "2026-11-01T10:00:00Z"),
                account("D-2", "Bad\\u0000Name", "2026-11-01T10:00:00Z"),
                account("K".repeat(10 * 1024), "Long key", "2026-11-01T10:00:00Z"),
                account("D-3", "Dated 9999", "9999-01-01T00:00:00Z"),
                account("D-4", "Year 300000", "+300000-01-01T00:00:00Z"),
                account("D-5", "After", "2026-11-01T10:00:00Z"));

        HttpResponse<String> answer = post(ingestion + "/v1/sources/" + source.get("id").asString() + "/records",
                "application/x-ndjson", batch);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode result = XdmJson.mapper().readTree(answer.body());
        assertThat(result.get("accepted").asInt()).isEqualTo(2);
        assertThat(result.get("errors").valueStream().map(e -> e.get("line").asInt()).toList()).containsExactly(2, 3, 4, 5);
        assertThat(result.get("errors").valueStream().map(e -> e.get("message").asString()))
                .allSatisfy(message -> assertThat(message).startsWith("/"));
        for (String key : List.of("D-1", "D-5")) {
            JsonNode account = await().atMost(Duration.ofSeconds(15)).until(() -> get(standalone.baseUrls().profile()
                    + "/v1/accounts?identity=b2b_account:" + key + "@door-1.Salesforce"), a -> a != null);
            assertThat(account.toString()).contains(key.equals("D-1") ? "Before" : "After");
        }
    }

    @Test
    void shouldKeepPrometheusForTheAdminScope() throws Exception {
        assertThat(getWithoutToken(standalone.baseUrls().profile() + "/actuator/prometheus").statusCode()).isEqualTo(401);
    }

    private static String account(String id, String name, String lastUpdated) {
        return "{\"class\":\"account\",\"data\":{\"accountKey\":\"" + id + "@door-1.Salesforce\",\"accountName\":\"" + name
                + "\",\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"" + lastUpdated + "\"}}}";
    }

    private HttpResponse<String> post(String url, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer standalone-test-token")
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
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
