package dev.tributary.embedded;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Map;

/** A real Kafka broker (KRaft, combined controller and broker) running in this JVM. */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /**
     * @param port 0 for any free port
     * @param partitions default partition count of the topics created up front
     */
    public static EmbeddedKafkaServer start(int port, int partitions, String... topics) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions, topics);
        if (port > 0) {
            broker.kafkaPorts(port);
        }
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(partitions),
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        return new EmbeddedKafkaServer(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
