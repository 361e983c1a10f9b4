package dev.tributary.ingestion.batch;

import dev.tributary.ingestion.IngestionApi;
import dev.tributary.ingestion.IngestionMeters;
import dev.tributary.ingestion.IngestionProperties;
import dev.tributary.ingestion.IngestionIntegrationTest;
import dev.tributary.ingestion.PublishedMessages;
import dev.tributary.ingestion.PublishedMessages.Published;
import dev.tributary.ingestion.publish.PublishFailedException;
import dev.tributary.ingestion.publish.UnreachableKafka;
import dev.tributary.ingestion.publish.XdmMessages;
import dev.tributary.ingestion.source.SourceService;
import dev.tributary.xdm.validation.XdmValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tributary.ingestion.XdmFixtures.ACCOUNT_LINE;
import static dev.tributary.ingestion.XdmFixtures.PERSON_LINE;
import static dev.tributary.ingestion.XdmFixtures.ndjson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

@IngestionIntegrationTest
class BatchIngestionIT {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    SourceService sources;

    @Autowired
    XdmValidator validator;

    @Autowired
    BatchRepository batchRepository;

    @Autowired
    IngestionProperties properties;

    @Autowired
    IngestionMeters meters;

    @Autowired
    BatchOffsetsRepository batchOffsets;

    @Autowired
    AppliedRecords applied;

    @Autowired
    XdmMessages messages;

    IngestionApi api;
    PublishedMessages records;
    String sourceId;

    @BeforeEach
    void setUp() {
        api = new IngestionApi(port);
        records = PublishedMessages.on(environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                "cdp.xdm.records.v1");
        sourceId = api.createSource("CRM export");
    }

    @AfterEach
    void tearDown() {
        records.close();
    }

    @Test
    void shouldPublishAcceptedLinesWithNormalisedKeys() {
        IngestionApi.Response response = api.postNdjson(recordsPath(), ndjson(ACCOUNT_LINE, "", PERSON_LINE));

        assertThat(response.status()).isEqualTo(202);
        String batchId = response.body().get("batchId").stringValue();
        assertThat(response.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/v1/batches/" + batchId));
        assertThat(response.body().get("accepted").intValue()).isEqualTo(2);
        assertThat(response.body().get("rejected").intValue()).isZero();
        assertThat(response.body().get("errors")).isEmpty();

        List<Published> published = records.await(ofBatch(batchId), 2);
        assertThat(published).hasSize(2);
        Published account = line(published, 1);
        assertThat(account.key()).isEqualTo("A-1@crm-1.Salesforce");
        assertThat(account.envelope().get("type").stringValue()).isEqualTo("xdm.record");
        assertThat(account.envelope().get("schemaVersion").intValue()).isEqualTo(1);
        assertThat(account.envelope().get("key").stringValue()).isEqualTo("A-1@crm-1.Salesforce");
        assertThat(account.payload().get("sourceId").stringValue()).isEqualTo(sourceId);
        assertThat(account.payload().get("xdmClass").stringValue()).isEqualTo("account");
        assertThat(account.payload().at("/data/accountKey/sourceInstanceID").stringValue()).isEqualTo("crm-1");

        Published person = line(published, 3);
        assertThat(person.key()).isEqualTo("1001@mkto-1.Marketo");
        assertThat(person.payload().at("/data/personKey/sourceKey").stringValue()).isEqualTo("1001@mkto-1.Marketo");
        assertThat(person.payload().at("/data/workEmail/address").stringValue()).isEqualTo("p2@townsend.com");
    }

    @Test
    void shouldRejectInvalidLinesOfMixedBatchWhilePublishingItsValidLines() {
        String body = ndjson(ACCOUNT_LINE,
                "{\"class\":\"account\",\"data\":{\"accountName\":\"no key\"}",
                "{\"class\":\"lead\",\"data\":{}}",
                PERSON_LINE);

        IngestionApi.Response response = api.postNdjson(recordsPath(), body);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().get("accepted").intValue()).isEqualTo(2);
        assertThat(response.body().get("rejected").intValue()).isEqualTo(2);
        assertThat(errorsOfLine(response.body(), 2)).singleElement().asString()
                .startsWith("/: line is not a JSON object: ");
        assertThat(errorsOfLine(response.body(), 3)).singleElement().asString()
                .startsWith("/class: unknown XDM class 'lead'");
        String batchId = response.body().get("batchId").stringValue();
        assertThat(records.await(ofBatch(batchId), 2))
                .extracting(p -> p.payload().get("line").intValue()).containsExactlyInAnyOrder(1, 4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            missing key     | {"class":"account","data":{"accountName":"Townsend"}}                                                 | /accountKey:
            malformed key   | {"class":"account","data":{"accountKey":"A-9 at crm-1"}}                                              | /accountKey:
            wrong types     | {"class":"account","data":{"accountKey":"A-9@crm-1.Salesforce","accountOrganization":{"numberOfEmployees":"many"}}} | /accountOrganization/numberOfEmployees:
            junk email      | {"class":"person","data":{"personKey":"9@mkto-1.Marketo","workEmail":{"address":"not-an-email"}}}     | /workEmail/address: 'not-an-email' is not a well-formed email
            unknown class   | {"class":"lead","data":{"leadKey":"1@mkto-1.Marketo"}}                                                | /class: unknown XDM class 'lead'
            missing data    | {"class":"account"}                                                                                   | /data: is required
            not an object   | ["account"]                                                                                           | /: line is not a JSON object: found array
            malformed JSON  | {"class":"account","data":                                                                            | /: line is not a JSON object:
            """)
    void shouldRejectInvalidLineWithLocatedMessageAndPublishTheValidLine(String failure, String line, String message) {
        IngestionApi.Response response = api.postNdjson(recordsPath(), ndjson(ACCOUNT_LINE, line));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().get("accepted").intValue()).isEqualTo(1);
        assertThat(response.body().get("rejected").intValue()).isEqualTo(1);
        assertThat(errorsOfLine(response.body(), 2)).isNotEmpty()
                .anySatisfy(error -> assertThat(error).startsWith(message));
        assertThat(records.await(ofBatch(response.body().get("batchId").stringValue()), 1))
                .singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("A-1@crm-1.Salesforce"));
    }

    @Test
    void shouldReturnRejectedLinesInBatchStatus() {
        String invalid = "{\"class\":\"account\",\"data\":{\"accountName\":\"no key\"}}";
        String batchId = api.postNdjson(recordsPath(), ndjson(ACCOUNT_LINE, invalid))
                .body().get("batchId").stringValue();

        IngestionApi.Response status = api.get("/v1/batches/" + batchId);

        assertThat(status.status()).isEqualTo(200);
        JsonNode batch = status.body();
        assertThat(batch.get("batchId").stringValue()).isEqualTo(batchId);
        assertThat(batch.get("sourceId").stringValue()).isEqualTo(sourceId);
        assertThat(batch.get("status").stringValue()).isEqualTo("completed");
        assertThat(batch.get("receivedAt").isString()).isTrue();
        assertThat(batch.get("accepted").intValue()).isEqualTo(1);
        assertThat(batch.get("rejected").intValue()).isEqualTo(1);
        assertThat(errorsOfLine(batch, 2)).containsExactly("/accountKey: is required");
        JsonNode rejected = batch.get("rejectedLines").get(0);
        assertThat(rejected.get("line").intValue()).isEqualTo(2);
        assertThat(rejected.get("content").stringValue()).isEqualTo(invalid);
        assertThat(rejected.at("/errors/0/path").stringValue()).isEqualTo("/accountKey");
    }

    @Test
    void shouldRecordBatchAsFailedAndAcceptNothingWhenKafkaDoesNotAcknowledge() {
        byte[] body = ndjson(ACCOUNT_LINE, "{\"class\":\"lead\",\"data\":{}}").getBytes(StandardCharsets.UTF_8);
        PublishFailedException failure;
        try (UnreachableKafka kafka = new UnreachableKafka()) {
            BatchService withBrokerDown = new BatchService(sources, validator, kafka.publisher(), batchRepository, properties,
                    meters, batchOffsets, applied, messages);
            failure = assertThrows(PublishFailedException.class,
                    () -> withBrokerDown.ingest(sourceId, new ByteArrayInputStream(body), body.length));
        }

        assertThat(failure.status().value()).isEqualTo(503);
        Matcher batchId = UUID_PATTERN.matcher(failure.getMessage());
        assertThat(batchId.find()).isTrue();
        JsonNode batch = api.get("/v1/batches/" + batchId.group()).body();
        assertThat(batch.get("status").stringValue()).isEqualTo("failed");
        assertThat(batch.get("accepted").intValue()).isZero();
        assertThat(batch.get("rejected").intValue()).isEqualTo(1);
        assertThat(records.readToEnd(ofSource())).isEmpty();
    }

    @Test
    void shouldAnswer400AndPublishNothingWhenBodyIsNotNdjson() {
        IngestionApi.Response response = api.postNdjson(recordsPath(), "id;name\n1;Townsend\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("title").stringValue()).isEqualTo("Body is not NDJSON");
        assertThat(records.readToEnd(ofSource())).isEmpty();
    }

    @Test
    void shouldAnswer413AndPublishNothingWhenDeclaredSizeExceedsLimit() {
        IngestionApi.Response response = api.postNdjson(recordsPath(), oneAndAHalfMegabytesOfValidLines());

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(records.readToEnd(ofSource())).isEmpty();
    }

    @Test
    void shouldAnswer413AndPublishNothingWhenChunkedBodyExceedsLimit() {
        byte[] body = oneAndAHalfMegabytesOfValidLines().getBytes(StandardCharsets.UTF_8);

        IngestionApi.Response response = api.postNdjsonStream(recordsPath(), () -> new ByteArrayInputStream(body));

        assertThat(response.status()).isEqualTo(413);
        assertThat(records.readToEnd(ofSource())).isEmpty();
    }

    @Test
    void shouldAnswer404ForUnknownSourceOrBatch() {
        IngestionApi.Response unknownSource = api.postNdjson(
                "/v1/sources/5d0c5f8e-0000-4000-8000-000000000000/records", ndjson(ACCOUNT_LINE));
        assertThat(unknownSource.status()).isEqualTo(404);
        assertThat(unknownSource.body().get("title").stringValue()).isEqualTo("Source not found");

        assertThat(api.get("/v1/batches/5d0c5f8e-0000-4000-8000-000000000000").status()).isEqualTo(404);
        assertThat(api.get("/v1/batches/not-a-uuid").status()).isEqualTo(404);
    }

    private String recordsPath() {
        return "/v1/sources/" + sourceId + "/records";
    }

    private Predicate<Published> ofSource() {
        return p -> sourceId.equals(p.payload().get("sourceId").stringValue());
    }

    private static Predicate<Published> ofBatch(String batchId) {
        return p -> batchId.equals(p.payload().get("batchId").stringValue());
    }

    private static Published line(List<Published> published, int line) {
        return published.stream().filter(p -> p.payload().get("line").intValue() == line).findFirst().orElseThrow();
    }

    private static List<String> errorsOfLine(JsonNode batch, int line) {
        return batch.get("errors").values().stream()
                .filter(e -> e.get("line").intValue() == line)
                .map(e -> e.get("message").stringValue())
                .toList();
    }

    private static String oneAndAHalfMegabytesOfValidLines() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < 1_500_000; i++) {
            body.append("{\"class\":\"account\",\"data\":{\"accountKey\":\"A-").append(i)
                    .append("@crm-1.Salesforce\",\"accountName\":\"Account ").append(i).append("\"}}\n");
        }
        return body.toString();
    }
}
