package dev.tributary.ingestion.batch;

import dev.tributary.ingestion.IngestionApi;
import dev.tributary.ingestion.IngestionIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.tributary.ingestion.XdmFixtures.ndjson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch's {@code applied} count follows profile-service's committed offsets on the records topic (ADR 0020). The
 * test commits the offsets of that consumer group itself, as profile-service does after its transaction.
 */
@IngestionIntegrationTest
class BatchAppliedIT {

    private static final String RECORDS = "cdp.xdm.records.v1";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    AppliedCountProperties properties;

    IngestionApi api;
    String sourceId;

    @BeforeEach
    void setUp() {
        api = new IngestionApi(port);
        sourceId = api.createSource("Applied CRM");
    }

    @Test
    void shouldCountARecordAppliedOnceTheProfileConsumerGroupCommittedPastIt() {
        String first = post(5);
        Map<TopicPartition, Long> afterFirst = endOffsets();
        String second = post(7);

        commit(afterFirst);

        await().atMost(Duration.ofSeconds(20)).until(() -> status(first).get("applied").asInt() == 5);
        JsonNode pending = status(second);
        assertThat(pending.get("status").asString()).isEqualTo("completed");
        assertThat(pending.get("accepted").asInt()).isEqualTo(7);
        assertThat(pending.get("applied").asInt()).isZero();

        commit(endOffsets());

        await().atMost(Duration.ofSeconds(20)).until(() -> status(second).get("applied").asInt() == 7);
    }

    @Test
    void shouldCountNothingAppliedForABatchThatAcceptedNothing() {
        IngestionApi.Response response = api.postNdjson("/v1/sources/" + sourceId + "/records",
                ndjson("{\"class\":\"lead\",\"data\":{}}"));

        assertThat(status(response.body().get("batchId").asString()).get("applied").asInt()).isZero();
    }

    private String post(int accounts) {
        String body = IntStream.range(0, accounts)
                .mapToObj(i -> "{\"class\":\"account\",\"data\":{\"accountKey\":\"AP" + System.nanoTime() + "-" + i
                        + "@crm-1.Salesforce\",\"accountName\":\"Applied " + i + "\"}}")
                .collect(Collectors.joining("\n"));
        IngestionApi.Response response = api.postNdjson("/v1/sources/" + sourceId + "/records", body);
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().get("accepted").asInt()).isEqualTo(accounts);
        return response.body().get("batchId").asString();
    }

    private JsonNode status(String batchId) {
        return api.get("/v1/batches/" + batchId).body();
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(RECORDS).stream()
                    .map(p -> new TopicPartition(RECORDS, p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** What profile-service does after each transaction: the group's next offset on each partition. */
    private void commit(Map<TopicPartition, Long> offsets) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(offsets.keySet());
            consumer.commitSync(offsets.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))));
        }
    }
}
