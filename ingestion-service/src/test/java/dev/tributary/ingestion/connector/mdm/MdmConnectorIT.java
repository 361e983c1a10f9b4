package dev.tributary.ingestion.connector.mdm;

import com.sun.net.httpserver.HttpServer;
import dev.tributary.ingestion.IngestionApi;
import dev.tributary.ingestion.IngestionIntegrationTest;
import dev.tributary.ingestion.PublishedMessages;
import dev.tributary.ingestion.PublishedMessages.Published;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.validation.XdmValidator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The MDM connector run by the framework: golden accounts from a file, incrementally, to the records topic. */
@IngestionIntegrationTest
class MdmConnectorIT {

    static final String TOWNSEND_CSV = """
            golden_id,entity,name,domain,industry,number_of_employees,annual_revenue,currency_code,country,last_updated,source_key
            T-1,account,Townsend,townsend.com,Automotive,5400,750000000,USD,US,2026-10-02T09:00:00Z,1@mkto-1.Marketo
            T-1,account,Townsend,townsend.com,Automotive,5400,750000000,USD,US,2026-10-02T09:00:00Z,2@mkto-2.Marketo
            """;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    XdmValidator validator;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    IngestionApi api;
    PublishedMessages records;

    @BeforeEach
    void setUp() {
        api = new IngestionApi(port);
        records = PublishedMessages.on(environment.getRequiredProperty("spring.kafka.bootstrap-servers"), "cdp.xdm.records.v1");
    }

    @AfterEach
    void tearDown() {
        records.close();
    }

    private static String townsendNdjson() throws IOException {
        try (InputStream in = MdmConnectorIT.class.getResourceAsStream("/scenarios/townsend/mdm-1.ndjson")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The MDM line of the push version of the scenario, as ingestion normalises it. */
    private JsonNode pushedTownsendMdmLine() throws IOException {
        try (InputStream in = MdmConnectorIT.class.getResourceAsStream("/demo/townsend.ndjson")) {
            String line = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains("@mdm-1.MDM")).findFirst().orElseThrow();
            return validator.validateRecord("account", XdmJson.mapper().readTree(line).get("data")).normalised();
        }
    }

    private String createMdmSource(Path file, String format) {
        IngestionApi.Response created = api.postJson("/v1/sources", "{\"name\":\"MDM\",\"type\":\"mdm\",\"instanceId\":\"mdm-1\","
                + "\"config\":{\"location\":\"" + file.toUri() + "\",\"format\":\"" + format + "\"}}");
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return created.body().get("id").stringValue();
    }

    private JsonNode run(String sourceId) {
        IngestionApi.Response started = api.post("/v1/sources/" + sourceId + "/runs");
        assertThat(started.status()).isEqualTo(202);
        String runId = started.body().get("id").stringValue();
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get("/v1/sources/" + sourceId + "/runs/" + runId).body(),
                        r -> !"running".equals(r.get("status").stringValue()));
    }

    private List<JsonNode> publishedData(String sourceId) {
        return records.readToEnd(p -> p.payload().hasNonNull("sourceId") && sourceId.equals(p.payload().get("sourceId").stringValue())).stream()
                .map(Published::payload).map(p -> p.get("data")).toList();
    }

    private static JsonNode reparsed(JsonNode node) {
        return XdmJson.mapper().readTree(node.toString());
    }

    @Test
    void shouldPublishTheTownsendGoldenAccountAsThePushVersionHasIt() throws IOException {
        Path file = Files.writeString(dir.resolve("mdm.ndjson"), townsendNdjson());
        String sourceId = createMdmSource(file, "ndjson");

        JsonNode run = run(sourceId);

        assertThat(run.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(run.get("recordsPublished").longValue()).isEqualTo(1);
        assertThat(publishedData(sourceId)).singleElement()
                .satisfies(data -> assertThat(reparsed(data)).isEqualTo(reparsed(pushedTownsendMdmLine())));
    }

    @Test
    void shouldReadTheSameGoldenAccountFromCsv() throws IOException {
        Path file = Files.writeString(dir.resolve("mdm.csv"), TOWNSEND_CSV);
        String sourceId = createMdmSource(file, "csv");

        assertThat(run(sourceId).get("status").stringValue()).isEqualTo("succeeded");

        assertThat(publishedData(sourceId)).singleElement()
                .satisfies(data -> assertThat(reparsed(data)).isEqualTo(reparsed(pushedTownsendMdmLine())));
    }

    @Test
    void shouldPublishNothingWhenTheFileIsUnchanged() throws IOException {
        Path file = Files.writeString(dir.resolve("mdm.ndjson"), townsendNdjson());
        String sourceId = createMdmSource(file, "ndjson");
        run(sourceId);

        JsonNode second = run(sourceId);

        assertThat(second.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(second.get("recordsRead").longValue()).isZero();
        assertThat(second.get("recordsPublished").longValue()).isZero();
        assertThat(publishedData(sourceId)).hasSize(1);
    }

    @Test
    void shouldRepublishAGoldenAccountWithoutARemovedCrossReferenceAndOnlyIt() throws IOException {
        String other = "{\"goldenId\":\"T-9\",\"name\":\"Other\",\"lastUpdated\":\"2026-10-01T09:00:00Z\",\"sourceKeys\":[\"9@mkto-1.Marketo\"]}\n";
        Path file = Files.writeString(dir.resolve("mdm.ndjson"), townsendNdjson() + other);
        String sourceId = createMdmSource(file, "ndjson");
        run(sourceId);
        Files.writeString(file, townsendNdjson().replace(",\"2@mkto-2.Marketo\"", "")
                .replace("2026-10-02T09:00:00Z", "2026-10-03T09:00:00Z") + other);

        JsonNode run = run(sourceId);

        assertThat(run.get("recordsPublished").longValue()).isEqualTo(1);
        List<JsonNode> published = publishedData(sourceId);
        assertThat(published).hasSize(3);
        assertThat(published.stream().filter(d -> d.toString().contains("T-9@mdm-1.MDM"))).hasSize(1);
        // one key, one partition: the Townsend records arrive in the order they were published
        List<JsonNode> townsend = published.stream().filter(d -> d.toString().contains("T-1@mdm-1.MDM")).toList();
        assertThat(townsend).hasSize(2);
        assertThat(townsend.get(0).at("/identityMap/b2b_account")).hasSize(2);
        assertThat(townsend.get(1).at("/identityMap/b2b_account")).hasSize(1);
        assertThat(townsend.get(1).toString()).doesNotContain("2@mkto-2.Marketo");
    }

    @Test
    void shouldPublishAGoldenIdGoneFromTheFileAsDeleted() throws IOException {
        String other = "{\"goldenId\":\"T-9\",\"name\":\"Other\",\"sourceKeys\":[\"9@mkto-1.Marketo\"]}\n";
        Path file = Files.writeString(dir.resolve("mdm.ndjson"), townsendNdjson() + other);
        String sourceId = createMdmSource(file, "ndjson");
        run(sourceId);
        Files.writeString(file, townsendNdjson());

        JsonNode run = run(sourceId);

        assertThat(run.get("recordsPublished").longValue()).isEqualTo(1);
        assertThat(publishedData(sourceId).stream().filter(d -> d.has("isDeleted"))).singleElement().satisfies(deleted -> {
            assertThat(deleted.toString()).contains("T-9@mdm-1.MDM");
            assertThat(deleted.get("isDeleted").booleanValue()).isTrue();
        });
    }

    @Test
    void shouldFailAMalformedFilesRunWithoutMovingTheCursor() throws IOException {
        Path file = Files.writeString(dir.resolve("mdm.ndjson"), townsendNdjson());
        String sourceId = createMdmSource(file, "ndjson");
        run(sourceId);
        String cursor = cursor(sourceId);
        Files.writeString(file, townsendNdjson() + "{\"goldenId\":\"T-2\",\"sourceKeys\":\n");

        JsonNode failed = run(sourceId);

        assertThat(failed.get("status").stringValue()).isEqualTo("failed");
        assertThat(failed.get("error").stringValue()).contains("malformed at line 2");
        assertThat(cursor(sourceId)).isEqualTo(cursor);
    }

    @Test
    void shouldRefuseAMissingFileAtLocationAndSaveNothing() {
        Path missing = dir.resolve("nowhere.ndjson");
        String instance = "mdm-" + UUID.randomUUID().toString().substring(0, 8);

        IngestionApi.Response response = api.postJson("/v1/sources", "{\"name\":\"MDM\",\"type\":\"mdm\",\"instanceId\":\""
                + instance + "\",\"config\":{\"location\":\"" + missing + "\"}}");
        IngestionApi.Response noLocation = api.postJson("/v1/sources", "{\"name\":\"MDM\",\"type\":\"mdm\",\"instanceId\":\""
                + instance + "\",\"config\":{\"format\":\"xml\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/errors/0/field").stringValue()).isEqualTo("config.location");
        assertThat(response.body().at("/errors/0/message").stringValue()).contains("no file at");
        assertThat(noLocation.status()).isEqualTo(400);
        assertThat(noLocation.body().get("errors").values().stream().map(e -> e.get("field").stringValue()))
                .containsExactlyInAnyOrder("config.location", "config.format");
        assertThat(jdbc.sql("SELECT count(*) FROM ingestion.source WHERE instance_id = :i").param("i", instance)
                .query(Long.class).single()).isZero();
    }

    @Test
    void shouldReadAnExportOverHttpThroughTheRateBudgetRetryingA5xx() throws IOException {
        byte[] export = townsendNdjson().getBytes(StandardCharsets.UTF_8);
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/export.ndjson", exchange -> {
            // the second request (the run's first read) fails as a restarting MDM server does
            boolean fail = requests.incrementAndGet() == 2;
            exchange.sendResponseHeaders(fail ? 503 : 200, fail ? -1 : export.length);
            if (!fail) {
                exchange.getResponseBody().write(export);
            }
            exchange.close();
        });
        server.start();
        try {
            String url = "http://localhost:" + server.getAddress().getPort() + "/export.ndjson";
            IngestionApi.Response created = api.postJson("/v1/sources", "{\"name\":\"MDM\",\"type\":\"mdm\","
                    + "\"instanceId\":\"mdm-1\",\"config\":{\"location\":\"" + url + "\"}}");
            assertThat(created.status()).isEqualTo(201);
            String sourceId = created.body().get("id").stringValue();

            JsonNode run = run(sourceId);

            assertThat(run.get("status").stringValue()).isEqualTo("succeeded");
            assertThat(run.get("apiCalls").longValue()).isEqualTo(2);
            assertThat(requests.get()).isEqualTo(3);
            assertThat(publishedData(sourceId)).hasSize(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldStillTakePushedRecordsOnAnMdmSource() throws IOException {
        Path file = Files.writeString(dir.resolve("mdm.ndjson"), townsendNdjson());
        String sourceId = createMdmSource(file, "ndjson");
        String line = "{\"class\":\"account\",\"data\":{\"accountKey\":\"T-7@mdm-1.MDM\",\"accountName\":\"Pushed\"}}";

        IngestionApi.Response pushed = api.postNdjson("/v1/sources/" + sourceId + "/records", line + "\n");

        assertThat(pushed.status()).isEqualTo(202);
        assertThat(pushed.body().get("accepted").intValue()).isEqualTo(1);
    }

    @Test
    void shouldPullTenThousandGoldenAccountsInOneRun() throws IOException {
        StringBuilder export = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            export.append("{\"goldenId\":\"G-").append(i).append("\",\"name\":\"Account ").append(i)
                    .append("\",\"domain\":\"a").append(i).append(".example\",\"lastUpdated\":\"2026-10-01T00:00:00Z\",")
                    .append("\"sourceKeys\":[\"").append(i).append("@mkto-1.Marketo\",\"00").append(i).append("@crm-1.Salesforce\"]}\n");
        }
        Path file = Files.writeString(dir.resolve("mdm.ndjson"), export);
        String sourceId = createMdmSource(file, "ndjson");

        JsonNode run = run(sourceId);

        assertThat(run.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(run.get("recordsPublished").longValue()).isEqualTo(10_000);
        // a measurement for docs/benchmarks.md, not an assertion: records pulled per second on this machine
        LoggerFactory.getLogger(MdmConnectorIT.class).info("MDM pull: 10000 golden accounts in {} ms, {} API calls",
                run.get("durationMs").longValue(), run.get("apiCalls").longValue());
    }

    private String cursor(String sourceId) {
        return jdbc.sql("SELECT cursor FROM ingestion.source_cursor WHERE source_id = :id")
                .param("id", UUID.fromString(sourceId)).query(String.class).single();
    }
}
