package dev.tributary.support.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;

/**
 * {@code cdp.outbox.backlog{table}} (rows waiting for the relay) and {@code cdp.outbox.oldest.age{table}} (seconds
 * since the oldest of them was written). One statement reads both from the ends of the id index instead of counting a
 * backlog that can hold 800,000 rows: the backlog is the id span from the oldest to the newest row, exact but for ids
 * of rolled-back transactions. Read at most once a second; NaN while the database does not answer (ADR 0024).
 */
public class OutboxMeters implements MeterBinder {

    private record Reading(double rows, double oldestAgeSeconds, long at) {
    }

    private static final long REUSE_NANOS = Duration.ofSeconds(1).toNanos();

    private final JdbcClient jdbc;
    private final String table;
    private final String sql;
    private volatile Reading reading;

    public OutboxMeters(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
        this.sql = "SELECT o.id, (SELECT max(id) FROM " + table + "), o.created_at, now() FROM " + table
                + " o ORDER BY o.id LIMIT 1";
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("cdp.outbox.backlog", this, m -> m.read().rows())
                .tag("table", table).baseUnit("rows")
                .description("Outbox rows not yet published (a row holds one message or one transaction's run of messages)")
                .register(registry);
        Gauge.builder("cdp.outbox.oldest.age", this, m -> m.read().oldestAgeSeconds())
                .tag("table", table).baseUnit("seconds")
                .description("Age of the oldest outbox row not yet published; 0 when the outbox is empty")
                .register(registry);
    }

    private synchronized Reading read() {
        Reading last = reading;
        long now = System.nanoTime();
        if (last != null && now - last.at() < REUSE_NANOS) {
            return last;
        }
        Reading next;
        try {
            next = jdbc.sql(sql).query(rs -> {
                if (!rs.next()) {
                    return new Reading(0, 0, now);
                }
                Timestamp oldest = rs.getTimestamp(3);
                Timestamp dbNow = rs.getTimestamp(4);
                return new Reading(rs.getLong(2) - rs.getLong(1) + 1,
                        Math.max(0, (dbNow.getTime() - oldest.getTime()) / 1000.0), now);
            });
        } catch (RuntimeException e) {
            next = new Reading(Double.NaN, Double.NaN, now);
        }
        reading = next;
        return next;
    }
}
