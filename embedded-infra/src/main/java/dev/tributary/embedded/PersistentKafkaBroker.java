package dev.tributary.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (KRaft, one combined controller and broker) in this JVM whose log lives in a directory kept
 * between runs, formatted once with a cluster id that its {@code meta.properties} keeps (ADR 0020). Records and
 * committed offsets survive a crash of the JVM: the broker writes to the page cache and recovers its unflushed
 * segments at the next start.
 */
final class PersistentKafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(PersistentKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private PersistentKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    static PersistentKafkaBroker start(Path logDirectory, int port, int partitions, String... topics) {
        try {
            Files.createDirectories(logDirectory);
            String dir = logDirectory.toAbsolutePath().toString();
            String clusterId = clusterId(logDirectory);
            int brokerPort = port > 0 ? port : freePort();
            int controllerPort = freePort();
            Map<String, Object> props = new HashMap<>();
            props.put("process.roles", "broker,controller");
            props.put("node.id", String.valueOf(NODE_ID));
            // a static quorum of this node: the voters come from here, so the controller may use another port each run
            props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
            props.put("listeners", "PLAINTEXT://localhost:" + brokerPort + "," + CONTROLLER + "://localhost:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
            props.put("controller.listener.names", CONTROLLER);
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
            props.put("log.dirs", dir);
            props.put("metadata.log.dir", dir);
            props.put("auto.create.topics.enable", "true");
            props.put("num.partitions", String.valueOf(partitions));
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "10");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            KafkaConfig config = new KafkaConfig(props, false);
            if (!Files.exists(logDirectory.resolve("meta.properties"))) {
                format(dir, clusterId);
            } else {
                log.info("Kafka log in {} (cluster {})", dir, clusterId);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            long started = System.nanoTime();
            String bootstrap = "localhost:" + brokerPort;
            try {
                server.startup();
                createTopics(bootstrap, partitions, topics);
            } catch (RuntimeException e) {
                // its threads would keep the JVM alive and its lock on the log directory held
                server.shutdown();
                server.awaitShutdown();
                throw e;
            }
            log.info("Kafka broker on {} ready in {} ms", bootstrap, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new PersistentKafkaBroker(server, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Kafka broker in " + logDirectory, e);
        }
    }

    private static String clusterId(Path logDirectory) throws IOException {
        Path meta = logDirectory.resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                properties.load(in);
            }
            String id = properties.getProperty("cluster.id");
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        return Uuid.randomUuid().toString();
    }

    private static void format(String dir, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(output, true))
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(dir))
                    .setMetadataLogDirectory(dir)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName(CONTROLLER)
                    .run();
            log.info("Formatted a new Kafka log in {} (cluster {})", dir, clusterId);
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka log in " + dir + ": " + output, e);
        }
    }

    private static void createTopics(String bootstrap, int partitions, String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> missing = new ArrayList<>();
            var existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create the topics", e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the topics", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Controlled shutdown: the log is flushed and marked clean, so the next start recovers nothing. */
    void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
