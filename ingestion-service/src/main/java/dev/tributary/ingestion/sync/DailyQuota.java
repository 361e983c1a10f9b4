package dev.tributary.ingestion.sync;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;

/** Calls per rate-limit key and UTC day, in the database so that restarts and every instance count (ADR 0027). */
@Repository
class DailyQuota {

    private final JdbcClient jdbc;

    DailyQuota(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one call if the day's quota has room; false when it is spent. */
    boolean tryTake(String key, LocalDate day, long quota) {
        return jdbc.sql("""
                        INSERT INTO ingestion.connector_quota (rate_key, day, calls) VALUES (:key, :day, 1)
                        ON CONFLICT (rate_key, day) DO UPDATE SET calls = connector_quota.calls + 1
                        WHERE connector_quota.calls < :quota
                        RETURNING calls""")
                .param("key", key).param("day", day).param("quota", quota)
                .query(Long.class).optional().isPresent();
    }

    long used(String key, LocalDate day) {
        return jdbc.sql("SELECT calls FROM ingestion.connector_quota WHERE rate_key = :key AND day = :day")
                .param("key", key).param("day", day).query(Long.class).optional().orElse(0L);
    }
}
