package dev.tributary.ingestion.web;

import dev.tributary.ingestion.IngestionApi;
import dev.tributary.ingestion.IngestionIntegrationTest;
import dev.tributary.ingestion.PublishedMessages;
import dev.tributary.ingestion.PublishedMessages.Published;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static dev.tributary.ingestion.XdmFixtures.ACCOUNT_LINE;
import static dev.tributary.ingestion.XdmFixtures.pageView;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every call's body is bounded before it is read into memory (ADR 0023). The test context sets 1 MB for batches and
 * events and keeps the 64 KB default for other calls.
 */
@IngestionIntegrationTest
class RequestLimitsIT {

    private static final long ONE_GIGABYTE = 1L << 30;
    /** Far below the 1 GB sent: a server holding the body would need all of it (and fail at -Xmx1g). */
    private static final long HEAP_BOUND = 256L << 20;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    IngestionApi api;
    PublishedMessages records;
    PublishedMessages events;
    String sourceId;

    @BeforeEach
    void setUp() {
        api = new IngestionApi(port);
        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        records = PublishedMessages.on(bootstrap, "cdp.xdm.records.v1");
        events = PublishedMessages.on(bootstrap, "cdp.xdm.events.v1");
        sourceId = api.createSource("Limits");
    }

    @AfterEach
    void tearDown() {
        records.close();
        events.close();
    }

    @Test
    void shouldAnswer413BeforeReadingSourceBodyOverTheRequestLimit() {
        String padding = "x".repeat(70 * 1024);
        String body = "{\"name\":\"" + padding + "\",\"type\":\"file\",\"instanceId\":\"big-1\"}";

        IngestionApi.Response declared = api.postJson("/v1/sources", body);
        IngestionApi.Response chunked = api.postJsonStream("/v1/sources",
                () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));

        for (IngestionApi.Response response : List.of(declared, chunked)) {
            assertThat(response.status()).as("%s", response.body()).isEqualTo(413);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().get("detail").stringValue()).contains("cdp.http.max-request-bytes");
        }
        assertThat(api.get("/v1/sources").body().values().stream()
                .filter(s -> "big-1".equals(s.get("instanceId").stringValue()))).isEmpty();
    }

    @Test
    void shouldAnswer413AndPublishNothingWhenEventsBodyExceedsTheEventsLimit() {
        String id = UUID.randomUUID().toString();
        StringBuilder body = new StringBuilder("[").append(pageView(id, "\"personKey\":\"1001@mkto-1.Marketo\""));
        while (body.length() < 1_100_000) {
            body.append(',').append(pageView(UUID.randomUUID().toString(), "\"personKey\":\"1001@mkto-1.Marketo\""));
        }
        body.append(']');
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);

        IngestionApi.Response declared = api.postJson("/v1/events", body.toString());
        IngestionApi.Response chunked = api.postJsonStream("/v1/events", () -> new ByteArrayInputStream(bytes));

        assertThat(declared.status()).as("%s", declared.body()).isEqualTo(413);
        assertThat(declared.body().get("detail").stringValue()).contains("cdp.ingestion.max-events-bytes");
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.contentType()).startsWith("application/problem+json");
        assertThat(events.readToEnd(p -> id.equals(p.payload().at("/event/_id").stringValue()))).isEmpty();
    }

    @Test
    void shouldAnswer413AndPublishNothingWhenBatchHasMoreLinesThanTheLineLimit() {
        String body = ACCOUNT_LINE + "\n" + "{}\n".repeat(5000);

        IngestionApi.Response response = api.postNdjson(recordsPath(), body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("detail").stringValue()).contains("5000", "cdp.ingestion.max-batch-lines");
        assertThat(records.readToEnd(ofSource())).isEmpty();
    }

    @Test
    void shouldRefuseGigabyteStreamedToEventsWith413WhileHeapStaysBounded() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] piece = (pageView(id, "\"personKey\":\"1001@mkto-1.Marketo\"") + ",").getBytes(StandardCharsets.UTF_8);

        for (boolean chunked : new boolean[]{true, false}) {
            HeapPeak heap = HeapPeak.start();
            StreamedUpload.Answer answer = StreamedUpload.post(port, "/v1/events", "application/json",
                    "[".getBytes(StandardCharsets.UTF_8), piece, ONE_GIGABYTE, chunked);
            long growth = heap.growth();

            System.out.printf("1 GB to /v1/events (%s): %d, %,d bytes written before the close, heap peak +%,d bytes%n",
                    chunked ? "chunked" : "Content-Length", answer.status(), answer.sent(), growth);
            assertThat(answer.status()).as("%s%n%s", answer.head(), answer.body()).isEqualTo(413);
            assertThat(answer.head().toLowerCase()).contains("content-type: application/problem+json");
            assertThat(answer.body()).contains("cdp.ingestion.max-events-bytes");
            assertThat(answer.sent()).isLessThan(ONE_GIGABYTE);
            assertThat(growth).isLessThan(HEAP_BOUND);
        }
        assertThat(events.readToEnd(p -> id.equals(p.payload().at("/event/_id").stringValue()))).isEmpty();
    }

    @Test
    void shouldRefuseGigabyteStreamedToRecordsBatchWith413WhileHeapStaysBounded() throws Exception {
        byte[] piece = (ACCOUNT_LINE + "\n").getBytes(StandardCharsets.UTF_8);

        for (boolean chunked : new boolean[]{true, false}) {
            HeapPeak heap = HeapPeak.start();
            StreamedUpload.Answer answer = StreamedUpload.post(port, recordsPath(), "application/x-ndjson",
                    new byte[0], piece, ONE_GIGABYTE, chunked);
            long growth = heap.growth();

            System.out.printf("1 GB to a records batch (%s): %d, %,d bytes written before the close, heap peak +%,d bytes%n",
                    chunked ? "chunked" : "Content-Length", answer.status(), answer.sent(), growth);
            assertThat(answer.status()).as("%s%n%s", answer.head(), answer.body()).isEqualTo(413);
            assertThat(answer.head().toLowerCase()).contains("content-type: application/problem+json");
            assertThat(answer.sent()).isLessThan(ONE_GIGABYTE);
            assertThat(growth).isLessThan(HEAP_BOUND);
        }
        assertThat(records.readToEnd(ofSource())).isEmpty();
    }

    private String recordsPath() {
        return "/v1/sources/" + sourceId + "/records";
    }

    private Predicate<Published> ofSource() {
        return p -> sourceId.equals(p.payload().get("sourceId").stringValue());
    }
}
