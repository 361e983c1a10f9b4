package dev.tributary.segmentation;

import dev.tributary.embedded.SharedInfrastructure;
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

/** Reads a topic ({@code cdp.audience.changes.v1} unless told) from its current end with a real consumer, as activation would. */
public final class AudienceTopic implements AutoCloseable {

    public record Message(String key, String value, Map<String, String> headers) {
        public JsonNode envelope() {
            return XdmJson.mapper().readTree(value);
        }

        public JsonNode payload() {
            return envelope().get("payload");
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Message> received = new ArrayList<>();

    public AudienceTopic() {
        this("cdp.audience.changes.v1");
    }

    public AudienceTopic(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end now, not at the first poll
    }

    /** Everything received so far, after polling for up to {@code wait}. */
    public List<Message> poll(Duration wait) {
        for (ConsumerRecord<String, String> record : consumer.poll(wait)) {
            Map<String, String> headers = new java.util.HashMap<>();
            record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
            received.add(new Message(record.key(), record.value(), headers));
        }
        return List.copyOf(received);
    }

    public List<Message> forSegment(String segmentId, Duration wait) {
        return poll(wait).stream().filter(m -> m.key().startsWith(segmentId + ":")).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
