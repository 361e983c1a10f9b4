package dev.tributary.embedded;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.file.Path;
import java.util.Map;

/**
 * A real Kafka broker (KRaft, combined controller and broker) running in this JVM: transient for tests, or keeping
 * its log in a directory for the standalone launcher (ADR 0020).
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker transientBroker;
    private final PersistentKafkaBroker persistentBroker;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker transientBroker, PersistentKafkaBroker persistentBroker) {
        this.transientBroker = transientBroker;
        this.persistentBroker = persistentBroker;
    }

    /**
     * A broker whose log lives in temporary directories, gone when it stops.
     *
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
        return new EmbeddedKafkaServer(broker, null);
    }

    /**
     * A broker whose log, committed offsets and cluster id live in {@code logDirectory}, kept between runs.
     *
     * @param port 0 for any free port
     * @param partitions partition count of the topics created when missing
     */
    public static EmbeddedKafkaServer startPersistent(Path logDirectory, int port, int partitions, String... topics) {
        return new EmbeddedKafkaServer(null, PersistentKafkaBroker.start(logDirectory, port, partitions, topics));
    }

    public String bootstrapServers() {
        return transientBroker != null ? transientBroker.getBrokersAsString() : persistentBroker.bootstrapServers();
    }

    @Override
    public void close() {
        if (transientBroker != null) {
            transientBroker.destroy();
        } else {
            persistentBroker.close();
        }
    }
}
