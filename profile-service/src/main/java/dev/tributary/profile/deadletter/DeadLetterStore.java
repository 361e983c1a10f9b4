package dev.tributary.profile.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code dead_letter} table (ADR 0021). */
@Repository
public class DeadLetterStore {

    private static final String SUMMARY_COLUMNS = """
            id, topic, kafka_partition, kafka_offset, message_key, reason, first_failed_at, last_failed_at, attempts,
            status, replayed_at""";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterStore.class);

    private final JdbcClient jdbc;

    public DeadLetterStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps a message that cannot be read or applied, so its partition moves on. Logged at WARN without any value of
     * the message (its key may be an email, the reason may quote one): those are in the row, and at DEBUG.
     *
     * @param reason what an operator reads ({@link Failures#reason})
     * @param kind the reason without values, for the log ({@link Failures#kind})
     * @return the dead letter's id
     */
    public long keep(ConsumerRecord<String, String> message, String reason, String kind) {
        long id = record(message.topic(), message.partition(), message.offset(), message.key(), message.value(), reason);
        log.warn("Dead letter {}: {}-{}@{} was not applied ({}); GET /v1/dead-letters/{} has its reason and content",
                id, message.topic(), message.partition(), message.offset(), kind, id);
        log.debug("Dead letter {}: key {}, reason {}", id, message.key(), reason);
        return id;
    }

    /**
     * Keeps a message that failed, or counts another failure of one already kept (a redelivery): its reason and content
     * are the newest (a recreated topic reuses offsets), and it is open again. Runs in the caller's transaction, or on its own without one.
     */
    long record(String topic, int partition, long offset, String key, String value, String reason) {
        return jdbc.sql("""
                        INSERT INTO dead_letter (topic, kafka_partition, kafka_offset, message_key, raw_value, reason)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (topic, kafka_partition, kafka_offset) DO UPDATE
                        SET message_key = EXCLUDED.message_key, raw_value = EXCLUDED.raw_value, reason = EXCLUDED.reason,
                            last_failed_at = now(), attempts = dead_letter.attempts + 1, status = 'open', replayed_at = NULL
                        RETURNING id""")
                .param(topic).param(partition).param(offset).param(text(key))
                .param(value == null ? null : value.getBytes(StandardCharsets.UTF_8)).param(text(reason))
                .query(Long.class).single();
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", raw_value FROM dead_letter WHERE id = ?")
                .param(id).query((rs, n) -> letter(rs)).optional();
    }

    /** The dead letter, locked until the caller's transaction ends, so two replays of it do not overlap. */
    public Optional<DeadLetter> lock(long id) {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", raw_value FROM dead_letter WHERE id = ? FOR UPDATE")
                .param(id).query((rs, n) -> letter(rs)).optional();
    }

    /** Newest first; {@code status} null for every status. */
    public List<DeadLetter.Summary> page(DeadLetter.Status status, int limit, long offset) {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS
                        + " FROM dead_letter WHERE (?::text IS NULL OR status = ?) ORDER BY id DESC LIMIT ? OFFSET ?")
                .param(status == null ? null : status.id()).param(status == null ? null : status.id())
                .param(limit).param(offset)
                .query((rs, n) -> summary(rs)).list();
    }

    public long count(DeadLetter.Status status) {
        return jdbc.sql("SELECT count(*) FROM dead_letter WHERE (?::text IS NULL OR status = ?)")
                .param(status == null ? null : status.id()).param(status == null ? null : status.id())
                .query(Long.class).single();
    }

    public void replayed(long id) {
        jdbc.sql("UPDATE dead_letter SET status = 'replayed', replayed_at = now() WHERE id = ?").param(id).update();
    }

    /** A replay failed: the letter stays open with the new reason. */
    public void failedAgain(long id, String reason) {
        jdbc.sql("""
                        UPDATE dead_letter SET reason = ?, last_failed_at = now(), attempts = attempts + 1, status = 'open'
                        WHERE id = ?""")
                .param(text(reason)).param(id).update();
    }

    /** PostgreSQL text cannot hold NUL, and a reason or key may quote the very value that was refused for it. */
    private static String text(String value) {
        return value == null ? null : value.replace("\u0000", "\\u0000");
    }

    private static DeadLetter.Summary summary(ResultSet rs) throws SQLException {
        return new DeadLetter.Summary(rs.getLong("id"), rs.getString("topic"), rs.getInt("kafka_partition"),
                rs.getLong("kafka_offset"), rs.getString("message_key"), rs.getString("reason"),
                instant(rs, "first_failed_at"), instant(rs, "last_failed_at"), rs.getInt("attempts"),
                DeadLetter.Status.find(rs.getString("status")).orElseThrow(), instant(rs, "replayed_at"));
    }

    private static DeadLetter letter(ResultSet rs) throws SQLException {
        DeadLetter.Summary s = summary(rs);
        byte[] raw = rs.getBytes("raw_value");
        return new DeadLetter(s.id(), s.topic(), s.partition(), s.offset(), s.key(),
                raw == null ? null : new String(raw, StandardCharsets.UTF_8), s.reason(), s.firstFailedAt(),
                s.lastFailedAt(), s.attempts(), s.status(), s.replayedAt());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
