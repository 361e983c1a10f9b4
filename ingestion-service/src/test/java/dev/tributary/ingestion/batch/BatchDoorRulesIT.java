package dev.tributary.ingestion.batch;

import dev.tributary.ingestion.IngestionApi;
import dev.tributary.ingestion.IngestionIntegrationTest;
import dev.tributary.ingestion.PublishedMessages;
import dev.tributary.ingestion.PublishedMessages.Published;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static dev.tributary.ingestion.XdmFixtures.ACCOUNT_LINE;
import static dev.tributary.ingestion.XdmFixtures.PERSON_LINE;
import static dev.tributary.ingestion.XdmFixtures.ndjson;
import static org.assertj.core.api.Assertions.assertThat;

/** What profile-service could not store, or a source may not write, is refused at the door (ADR 0023). */
@IngestionIntegrationTest
class BatchDoorRulesIT {

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RejectedContentPurge purge;

    IngestionApi api;
    PublishedMessages records;

    @BeforeEach
    void setUp() {
        api = new IngestionApi(port);
        records = PublishedMessages.on(environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                "cdp.xdm.records.v1");
    }

    @AfterEach
    void tearDown() {
        records.close();
    }

    @Test
    void shouldRejectWhatPostgresCannotStoreWithLocatedErrorsAndPublishTheValidLinesAroundIt() {
        String sourceId = api.createSource("Door rules");
        String nul = """
                {"class":"account","data":{"accountKey":"A-2@crm-1.Salesforce","accountName":"Bad\\u0000Name"}}""";
        String tenKilobyteKey = """
                {"class":"account","data":{"accountKey":"%s@crm-1.Salesforce"}}""".formatted("k".repeat(10 * 1024));
        String dated9999 = """
                {"class":"account","data":{"accountKey":"A-3@crm-1.Salesforce","extSourceSystemAudit":{"lastUpdatedDate":"9999-01-01T00:00:00Z"}}}""";
        String year300000 = """
                {"class":"campaignMember","data":{"campaignMemberKey":"CM-1@mkto-1.Marketo","membershipDate":"+300000-01-01T00:00:00Z"}}""";

        IngestionApi.Response response = api.postNdjson("/v1/sources/" + sourceId + "/records",
                ndjson(ACCOUNT_LINE, nul, tenKilobyteKey, dated9999, year300000, PERSON_LINE));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().get("accepted").intValue()).isEqualTo(2);
        assertThat(response.body().get("rejected").intValue()).isEqualTo(4);
        assertThat(errorsOfLine(response.body(), 2)).singleElement().asString()
                .startsWith("/accountName: contains the NUL character");
        assertThat(errorsOfLine(response.body(), 3)).singleElement().asString()
                .startsWith("/accountKey: a source key may be at most 1024 bytes");
        assertThat(errorsOfLine(response.body(), 4)).singleElement().asString()
                .startsWith("/extSourceSystemAudit/lastUpdatedDate: '9999-01-01T00:00:00Z' is in the future");
        assertThat(errorsOfLine(response.body(), 5)).singleElement().asString().startsWith("/membershipDate: ");
        String batchId = response.body().get("batchId").stringValue();
        records.await(ofBatch(batchId), 2);
        assertThat(records.readToEnd(ofBatch(batchId)))
                .extracting(p -> p.payload().get("line").intValue()).containsExactlyInAnyOrder(1, 6);
    }

    @Test
    void shouldRejectRecordLargerThanAKafkaMessageAndPublishTheOthers() {
        String sourceId = api.createSource("Large");
        StringBuilder large = new StringBuilder("{\"class\":\"account\",\"data\":{\"accountKey\":\"A-6@crm-1.Salesforce\"");
        for (int i = 0; i < 5; i++) {
            large.append(",\"note").append(i).append("\":\"").append("n".repeat(60_000)).append('"');
        }
        large.append("}}");

        IngestionApi.Response response = api.postNdjson("/v1/sources/" + sourceId + "/records",
                ndjson(ACCOUNT_LINE, large.toString(), PERSON_LINE));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().get("accepted").intValue()).isEqualTo(2);
        assertThat(errorsOfLine(response.body(), 2)).singleElement().asString()
                .startsWith("/: the record is larger than a Kafka message may be once normalised (262144 bytes");
        String batchId = response.body().get("batchId").stringValue();
        records.await(ofBatch(batchId), 2);
        assertThat(records.readToEnd(ofBatch(batchId)))
                .extracting(p -> p.payload().get("line").intValue()).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void shouldKeepRejectedLinesHoldingRawNulBytesAndNulKeys() {
        String sourceId = api.createSource("NUL bytes");
        String rawNul = "{\"class\":\"account\",\"data\":{\"accountKey\":\"A-4@crm-1.Salesforce\",\"accountName\":\"raw\u0000byte\"}}";
        String nulKey = "{\"class\":\"account\",\"data\":{\"accountKey\":\"A-5@crm-1.Salesforce\",\"x\\u0000y\":1}}";

        IngestionApi.Response response = api.postNdjson("/v1/sources/" + sourceId + "/records",
                ndjson(rawNul, nulKey, ACCOUNT_LINE));

        assertThat(response.status()).as("%s", response.body()).isEqualTo(202);
        assertThat(response.body().get("accepted").intValue()).isEqualTo(1);
        assertThat(errorsOfLine(response.body(), 1)).singleElement().asString().startsWith("/: line is not a JSON object");
        assertThat(errorsOfLine(response.body(), 2)).singleElement().asString().contains("the field name contains the NUL character");
        JsonNode status = api.get("/v1/batches/" + response.body().get("batchId").stringValue()).body();
        assertThat(status.at("/rejectedLines/0/content").stringValue()).isEqualTo(rawNul.replace("\u0000", "\\u0000"));
        assertThat(status.at("/rejectedLines/1/errors/0/path").stringValue()).isEqualTo("/x\\u0000y");
    }

    @Test
    void shouldRejectRecordWhoseOwnKeyBelongsToAnInstanceTheSourceMayNotWrite() {
        String crmOnly = createSource("{\"name\":\"CRM 1\",\"type\":\"file\",\"instanceId\":\"crm-1\"}");
        // references and secondary identities may name other instances
        String ownWithForeignReferences = """
                {"class":"account","data":{"accountKey":"A-1@crm-1.Salesforce","accountParentKey":"P-1@mdm-1.MDM",\
                "extSourceSystemAudit":{"externalKey":"77@mkto-1.Marketo"},"identityMap":{"b2b_account":[{"id":"77@mkto-1.Marketo"}]}}}""";
        String foreign = "{\"class\":\"account\",\"data\":{\"accountKey\":\"77@mkto-1.Marketo\"}}";

        IngestionApi.Response response = api.postNdjson("/v1/sources/" + crmOnly + "/records",
                ndjson(ownWithForeignReferences, foreign));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().get("accepted").intValue()).isEqualTo(1);
        assertThat(errorsOfLine(response.body(), 2)).singleElement().asString()
                .startsWith("/accountKey: the record's own key belongs to source instance 'mkto-1', which this source may not write");
        String batchId = response.body().get("batchId").stringValue();
        assertThat(records.await(ofBatch(batchId), 1)).singleElement()
                .satisfies(p -> assertThat(p.key()).isEqualTo("A-1@crm-1.Salesforce"));

        String crmAndMarketo = createSource(
                "{\"name\":\"CRM 1 export\",\"type\":\"file\",\"instanceId\":\"crm-1\",\"instanceIds\":[\"mkto-1\"]}");
        IngestionApi.Response declared = api.postNdjson("/v1/sources/" + crmAndMarketo + "/records",
                ndjson(ownWithForeignReferences, foreign));
        assertThat(declared.body().get("accepted").intValue()).isEqualTo(2);
    }

    @Test
    void shouldStoreAndReturnOnlyTheFirstRejectedLinesWithTheTotalCount() {
        String sourceId = api.createSource("Junk");
        String body = ndjson(ACCOUNT_LINE) + "{}\n".repeat(60);

        IngestionApi.Response response = api.postNdjson("/v1/sources/" + sourceId + "/records", body);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().get("accepted").intValue()).isEqualTo(1);
        assertThat(response.body().get("rejected").intValue()).isEqualTo(60);
        assertThat(response.body().get("rejectedListed").intValue()).isEqualTo(50);
        assertThat(response.body().get("errors").values().stream().map(e -> e.get("line").intValue()).distinct())
                .hasSize(50).allSatisfy(line -> assertThat(line).isBetween(2, 51));
        JsonNode status = api.get("/v1/batches/" + response.body().get("batchId").stringValue()).body();
        assertThat(status.get("rejected").intValue()).isEqualTo(60);
        assertThat(status.get("rejectedListed").intValue()).isEqualTo(50);
        assertThat(status.get("rejectedLines")).hasSize(50);
    }

    @Test
    void shouldPurgeRejectedContentPastRetentionKeepingLineAndErrors() {
        String sourceId = api.createSource("Retention");
        String invalid = "{\"class\":\"account\",\"data\":{\"accountName\":\"no key\"}}";
        String old = api.postNdjson("/v1/sources/" + sourceId + "/records", ndjson(ACCOUNT_LINE, invalid))
                .body().get("batchId").stringValue();
        String recent = api.postNdjson("/v1/sources/" + sourceId + "/records", ndjson(invalid))
                .body().get("batchId").stringValue();
        jdbc.sql("UPDATE ingestion.batch SET received_at = now() - interval '8 days' WHERE id = :id")
                .param("id", UUID.fromString(old)).update();

        assertThat(purge.purge()).isGreaterThanOrEqualTo(1);

        JsonNode purged = api.get("/v1/batches/" + old).body().get("rejectedLines").get(0);
        assertThat(purged.get("line").intValue()).isEqualTo(2);
        assertThat(purged.get("content").isNull()).isTrue();
        assertThat(purged.at("/errors/0/path").stringValue()).isEqualTo("/accountKey");
        assertThat(api.get("/v1/batches/" + recent).body().at("/rejectedLines/0/content").stringValue()).isEqualTo(invalid);
    }

    private String createSource(String json) {
        IngestionApi.Response created = api.postJson("/v1/sources", json);
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return created.body().get("id").stringValue();
    }

    private static Predicate<Published> ofBatch(String batchId) {
        return p -> batchId.equals(p.payload().get("batchId").stringValue());
    }

    private static List<String> errorsOfLine(JsonNode batch, int line) {
        return batch.get("errors").values().stream()
                .filter(e -> e.get("line").intValue() == line)
                .map(e -> e.get("message").stringValue())
                .toList();
    }
}
