package dev.tributary.ingestion;

import dev.tributary.xdm.json.XdmJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/** What the service published on a topic, read by a real consumer from the embedded broker. */
public final class PublishedMessages implements AutoCloseable {

    public record Published(String key, JsonNode envelope) {

        public JsonNode payload() {
            return envelope.get("payload");
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions;
    private final List<Published> seen = new ArrayList<>();

    private PublishedMessages(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        // assigned rather than subscribed: no group rebalance to wait for
        partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public static PublishedMessages on(String bootstrapServers, String topic) {
        return new PublishedMessages(bootstrapServers, topic);
    }

    /** Waits until at least {@code count} matching messages arrived and returns all matching ones. */
    public List<Published> await(Predicate<Published> matching, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            poll();
            return matching(matching);
        }, found -> found.size() >= count);
    }

    /**
     * Everything matching among what the topic holds now. The service publishes before it answers, so
     * after a response this is complete for that request without waiting.
     */
    public List<Published> readToEnd(Predicate<Published> matching) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            poll();
        }
        return matching(matching);
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            seen.add(new Published(record.key(), XdmJson.mapper().readTree(record.value())));
        }
    }

    private List<Published> matching(Predicate<Published> matching) {
        return seen.stream().filter(matching).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
