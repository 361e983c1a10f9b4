package dev.tributary.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** JDBC to the standalone's embedded PostgreSQL: only for progress polling, bulk loads and SQL floors. */
final class Db implements AutoCloseable {
    final Connection connection;
    /** The PostgreSQL process serving this connection. */
    final long backendPid;

    Db(Options options) throws SQLException {
        connection = DriverManager.getConnection(options.jdbcUrl(), options.get("db-user", "postgres"),
                options.get("db-password", "postgres"));
        connection.setAutoCommit(true);
        backendPid = count("SELECT pg_backend_pid()");
    }

    long count(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String string(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * What each PostgreSQL process serves, by pid: the {@code application_name} its connection gives (each service
     * names its pool after itself), else its {@code backend_type} ("autovacuum launcher", "walwriter", ...).
     */
    Map<Long, String> backends() throws SQLException {
        Map<Long, String> backends = new HashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pid, coalesce(nullif(application_name, ''), backend_type) FROM pg_stat_activity")) {
            while (rs.next()) {
                backends.put(rs.getLong(1), rs.getString(2));
            }
        }
        return backends;
    }

    void exec(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Waits until {@code table} holds {@code target} rows; returns the nanoTime they were first counted there, or -1 when
     * the count stopped moving for {@code stallSeconds}. An exact {@code count(*)} of a growing table is load on the
     * system being measured (a parallel scan of 400,000 fragments a second was 5% of PostgreSQL's busy samples during
     * the records phase): while the end is more than 3 s away at the rate seen so far, progress is read from the
     * table's insert counter in the statistics instead (free, up to about a second late), and {@code count(*)} runs
     * every {@code pollMillis} only near the end.
     */
    long awaitCount(String table, long target, long pollMillis, long stallSeconds, String label) throws Exception {
        String countSql = "SELECT count(*) FROM " + table;
        String insertsSql = "SELECT coalesce(n_tup_ins, 0) FROM pg_stat_user_tables WHERE relid = CAST('" + table + "' AS regclass)";
        long exact = count(countSql);
        long insertsAtExact = count(insertsSql);
        long first = exact, firstAt = System.nanoTime();
        long last = -1, lastChange = firstAt, lastPrint = 0;
        while (true) {
            long estimate = exact + Math.max(0, count(insertsSql) - insertsAtExact);
            long t = System.nanoTime();
            double perNano = (estimate - first) / (double) Math.max(1, t - firstAt);
            boolean farFromEnd = estimate < target && perNano > 0 && (target - estimate) / perNano > 3e9;
            long c = estimate;
            if (!farFromEnd) {
                c = exact = count(countSql);
                insertsAtExact = count(insertsSql);
                t = System.nanoTime();
                if (c >= target) return t;
            }
            if (c != last) {
                last = c;
                lastChange = t;
            } else if (t - lastChange > stallSeconds * 1_000_000_000L) {
                System.out.printf("  %s stalled at %,d of %,d%n", label, c, target);
                return -1;
            }
            if (t - lastPrint > 5_000_000_000L) {
                System.out.printf("  %s: %,d / %,d applied%n", label, c, target);
                lastPrint = t;
            }
            Thread.sleep(farFromEnd ? Math.max(pollMillis, 1000) : pollMillis);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
