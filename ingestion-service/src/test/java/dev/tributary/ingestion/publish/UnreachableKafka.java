package dev.tributary.ingestion.publish;

import dev.tributary.ingestion.IngestionProperties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.Map;

/** A real producer pointed at a port no broker listens on: publishing fails the way an outage does. */
public final class UnreachableKafka implements AutoCloseable {

    private final DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000));

    public XdmPublisher publisher() {
        return new XdmPublisher(new KafkaTemplate<>(producers),
                new IngestionProperties(DataSize.ofMegabytes(1), 1000, DataSize.ofMegabytes(1), 1000, Duration.ofDays(7), Duration.ofHours(1), Duration.ofMinutes(5),
                        DataSize.ofKilobytes(1000),
                        Duration.ofSeconds(5)));
    }

    @Override
    public void close() {
        producers.destroy();
    }
}
