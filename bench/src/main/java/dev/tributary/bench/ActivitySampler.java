package dev.tributary.bench;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Samples {@code pg_stat_activity} every 200 ms on its own connection while a phase runs: which statements are
 * active (and what they wait on) most often is where the database time goes (a poor man's pg_stat_statements,
 * which the embedded PostgreSQL does not preload).
 */
final class ActivitySampler implements AutoCloseable {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    /** Autovacuum workers' samples by what they run ("autovacuum: VACUUM profile.fragment"), apart from statements. */
    private final Map<String, Integer> autovacuum = new ConcurrentHashMap<>();
    private final AtomicInteger samples = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    /** The PostgreSQL process serving the sampler's connection. */
    final long backendPid;

    ActivitySampler(Options options) throws Exception {
        Db db = new Db(options);
        backendPid = db.backendPid;
        thread = new Thread(() -> {
            try (db; Statement s = db.connection.createStatement()) {
                while (!stop.get()) {
                    try (ResultSet rs = s.executeQuery("""
                            SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait,
                                   left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS q,
                                   backend_type = 'autovacuum worker' AS autovacuum
                            FROM pg_stat_activity
                            WHERE pid <> pg_backend_pid() AND (state = 'active' AND backend_type = 'client backend'
                                                               OR backend_type = 'autovacuum worker')""")) {
                        while (rs.next()) {
                            if (rs.getBoolean(3)) {
                                autovacuum.merge(rs.getString(2), 1, Integer::sum);
                            } else {
                                counts.merge(rs.getString(2) + "  [" + rs.getString(1) + "]", 1, Integer::sum);
                            }
                        }
                    }
                    samples.incrementAndGet();
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                System.out.println("  activity sampler stopped: " + e);
            }
        }, "pg-activity-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Top statements: share of samples in which each was active (1.0 = always, 2.0 = two backends always). */
    Map<String, Double> top(int n) {
        return top(counts, n);
    }

    private Map<String, Double> top(Map<String, Integer> counts, int n) {
        int total = Math.max(1, samples.get());
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> out.put(e.getKey(), Math.round(e.getValue() * 100.0 / total) / 100.0));
        return out;
    }

    void report(Results results, String key) {
        Map<String, Double> top = top(8);
        // autovacuum's work on the tables a run grows is CPU the run's statements do not get (two cores)
        Map<String, Double> vacuums = top(autovacuum, 5);
        double vacuumShare = Math.round(autovacuum.values().stream().mapToInt(Integer::intValue).sum() * 100.0
                / Math.max(1, samples.get())) / 100.0;
        results.put(key, Map.of("samples", samples.get(), "active_share", top, "autovacuum_share", vacuumShare,
                "autovacuum", vacuums));
        System.out.printf("  %s: busiest statements (share of %d samples of pg_stat_activity)%n", key, samples.get());
        top.forEach((q, share) -> System.out.printf("    %5.2f  %s%n", share, q));
        System.out.printf("  %s: autovacuum workers at work in %.2f of the samples%n", key, vacuumShare);
        vacuums.forEach((q, share) -> System.out.printf("    %5.2f  %s%n", share, q));
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(2000);
    }

}
