package dev.tributary.embedded;

import java.util.Map;

/**
 * One PostgreSQL server and one Kafka broker per JVM, started on first use and stopped at exit.
 * Every Spring test context of a module points at the same pair, which keeps a full suite within
 * the CI budget on two cores.
 */
public final class SharedInfrastructure {

    /** Topics every service uses; created up front so consumers never race auto-creation. */
    public static final String[] TOPICS = {
            "cdp.xdm.records.v1", "cdp.xdm.events.v1", "cdp.ingest.dlq.v1",
            "cdp.profile.changes.v1", "cdp.audience.changes.v1"};

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaServer kafka;

    private SharedInfrastructure() {
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.startTransient();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-stop"));
        }
        return postgres;
    }

    public static synchronized EmbeddedKafkaServer kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafkaServer.start(0, 2, TOPICS);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
        }
        return kafka;
    }

    /** Spring properties pointing a service at the shared servers. */
    public static Map<String, Object> springProperties() {
        EmbeddedPostgresServer pg = postgres();
        return Map.of(
                "spring.datasource.url", pg.jdbcUrl(),
                "spring.datasource.username", pg.username(),
                "spring.datasource.password", pg.password(),
                "spring.kafka.bootstrap-servers", kafka().bootstrapServers());
    }
}
