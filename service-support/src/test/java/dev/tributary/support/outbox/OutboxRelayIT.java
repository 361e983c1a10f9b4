package dev.tributary.support.outbox;

import dev.tributary.embedded.EmbeddedPostgresServer;
import dev.tributary.embedded.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relay against a real PostgreSQL and a real Kafka broker. */
class OutboxRelayIT {

    private static final String TOPIC = "cdp.audience.changes.v1";

    private PGSimpleDataSource dataSource;
    private JdbcClient jdbc;
    private KafkaTemplate<String, String> kafka;
    private KafkaConsumer<String, String> consumer;
    private OutboxRelay relay;
    private String run;

    @BeforeEach
    void setUp() {
        EmbeddedPostgresServer postgres = SharedInfrastructure.postgres();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE SCHEMA IF NOT EXISTS relay_test").update();
        jdbc.sql("DROP TABLE IF EXISTS relay_test.outbox").update();
        jdbc.sql("""
                CREATE TABLE relay_test.outbox (id bigserial PRIMARY KEY, topic text NOT NULL, message_key text,
                                                payload text, message_keys text[], payloads text)""").update();
        String servers = SharedInfrastructure.kafka().bootstrapServers();
        kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
                new StringSerializer(), new StringSerializer()));
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        relay = new OutboxRelay(jdbc, kafka, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new OutboxProperties("relay_test.outbox", 2, Duration.ofMillis(250)));
        run = UUID.randomUUID().toString();
    }

    @AfterEach
    void tearDown() {
        consumer.close();
        kafka.destroy();
    }

    @Test
    void shouldPublishEveryRowInIdOrderAndEmptyTheOutbox() {
        for (int i = 1; i <= 5; i++) {
            insert("m" + i);
        }

        assertThat(relay.drain()).isEqualTo(5);

        assertThat(received(5)).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(jdbc.sql("SELECT count(*) FROM relay_test.outbox").query(Long.class).single()).isZero();
    }

    @Test
    void shouldPublishWhatIsLeftWhenStoppedWhileIdle() {
        // idle for a minute after each empty drain: only the stop can publish rows written meanwhile
        OutboxRelay idle = new OutboxRelay(jdbc, kafka, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new OutboxProperties("relay_test.outbox", 2, Duration.ofMinutes(1)));
        insert("m1");
        idle.start();
        assertThat(received(1)).containsExactly("m1");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT count(*) FROM relay_test.outbox").query(Long.class).single() == 0);
        insert("m2");
        insert("m3");

        idle.stop();

        assertThat(idle.isRunning()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM relay_test.outbox").query(Long.class).single()).isZero();
        assertThat(received(2)).containsExactly("m2", "m3");
    }

    @Test
    void shouldPublishARowCommittedAfterRowsWithHigherIdsAtTheNextDrain() throws Exception {
        try (Connection late = dataSource.getConnection()) {
            late.setAutoCommit(false);
            try (Statement statement = late.createStatement()) {
                // takes id 1 now, commits after ids 2 to 4 went out
                statement.executeUpdate("INSERT INTO relay_test.outbox (topic, message_key, payload) VALUES ('" + TOPIC
                        + "', '" + run + "', 'late')");
            }
            insert("m2");
            insert("m3");
            insert("m4");
            assertThat(relay.drain()).isEqualTo(3);
            late.commit();
        }

        assertThat(relay.drain()).isEqualTo(1);

        assertThat(received(4)).containsExactly("m2", "m3", "m4", "late");
        assertThat(jdbc.sql("SELECT count(*) FROM relay_test.outbox").query(Long.class).single()).isZero();
    }

    @Test
    void shouldPublishTheRowsBehindABatchThatAnotherRelayHolds() throws Exception {
        insert("m1");
        insert("m2");
        insert("m3");
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                // another relay's transaction holds the first batch (batch size 2)
                statement.executeQuery("SELECT id FROM relay_test.outbox ORDER BY id LIMIT 2 FOR UPDATE").close();
            }

            assertThat(relay.drain()).isEqualTo(1);

            assertThat(received(1)).containsExactly("m3");
            other.rollback();
        }
        assertThat(relay.drain()).isEqualTo(2);
        assertThat(received(2)).containsExactly("m1", "m2");
    }

    @Test
    void shouldPublishTheMessagesOfAppendedRunsInOrderBetweenSingleRows() {
        OutboxWriter writer = new OutboxWriter(jdbc, "relay_test.outbox", null);
        insert("m1");
        writer.appendAll(List.of(message("m2"), message("m3"), message("m4"),
                new OutboxWriter.Message("cdp.other.v1", run, "elsewhere"), message("m5"), message("m6\nin two lines"),
                message("m7")));
        insert("m8");

        // batch size 2: the first run of three messages goes out whole, in its own round trip
        assertThat(relay.drain()).isEqualTo(9);

        assertThat(received(8)).containsExactly("m1", "m2", "m3", "m4", "m5", "m6\nin two lines", "m7", "m8");
        assertThat(jdbc.sql("SELECT count(*) FROM relay_test.outbox").query(Long.class).single()).isZero();
    }

    @Test
    void shouldKeepTheRowsWhileTheBrokerIsUnreachableAndPublishThemOnceItAnswers() throws Exception {
        insert("m1");
        insert("m2");
        insert("m3");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // a broker that does not answer: metadata never arrives, so no send is acknowledged
        KafkaTemplate<String, String> unreachable = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + closedPort,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1500), new StringSerializer(), new StringSerializer()));
        try {
            OutboxRelay cutOff = new OutboxRelay(jdbc, unreachable,
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                    new OutboxProperties("relay_test.outbox", 2, Duration.ofMillis(250)));
            assertThatThrownBy(cutOff::drain).isInstanceOf(RuntimeException.class);
        } finally {
            unreachable.destroy();
        }
        assertThat(jdbc.sql("SELECT payload FROM relay_test.outbox ORDER BY id").query(String.class).list())
                .containsExactly("m1", "m2", "m3");

        assertThat(relay.drain()).isEqualTo(3);

        assertThat(received(3)).containsExactly("m1", "m2", "m3");
        assertThat(jdbc.sql("SELECT count(*) FROM relay_test.outbox").query(Long.class).single()).isZero();
    }

    private OutboxWriter.Message message(String payload) {
        return new OutboxWriter.Message(TOPIC, run, payload);
    }

    private void insert(String payload) {
        jdbc.sql("INSERT INTO relay_test.outbox (topic, message_key, payload) VALUES (?, ?, ?)")
                .param(TOPIC).param(run).param(payload).update();
    }

    /** The payloads of this test's messages, once {@code count} arrived (or after 20 s). */
    private List<String> received(int count) {
        List<String> payloads = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (payloads.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key().equals(run)) {
                    payloads.add(record.value());
                }
            }
        }
        return payloads;
    }
}
