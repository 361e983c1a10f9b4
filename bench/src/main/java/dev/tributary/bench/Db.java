package dev.tributary.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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

    void exec(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Polls {@code countSql} until it reaches {@code target}; returns the nanoTime it was first seen there,
     * or -1 when it stopped moving for {@code stallSeconds}.
     */
    long awaitCount(String countSql, long target, long pollMillis, long stallSeconds, String label) throws Exception {
        long last = -1, lastChange = System.nanoTime(), lastPrint = 0;
        long first = -1, firstAt = 0;
        while (true) {
            long c = count(countSql);
            long t = System.nanoTime();
            if (c >= target) return t;
            if (first < 0) {
                first = c;
                firstAt = t;
            }
            // a count(*) of a growing table is load on the system being measured: while the end is more than
            // 3 s away at the rate seen so far, poll once a second, and every pollMillis near the end
            double perNano = (c - first) / (double) Math.max(1, t - firstAt);
            boolean farFromEnd = perNano > 0 && (target - c) / perNano > 3e9;
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
