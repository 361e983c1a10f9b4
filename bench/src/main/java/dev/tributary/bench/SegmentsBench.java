package dev.tributary.bench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario {@code segments}: batch evaluation at segmentation scale. The organisation is bulk-loaded straight
 * into profile-service's tables with SQL (this bypasses ingestion on purpose: it measures evaluation, and
 * ingesting 10M events through the API would take longer than the whole benchmark), then each segment is
 * created through the API, evaluated in batch, and compared with a hand-written SQL "floor" on the same data.
 */
final class SegmentsBench {

    record Segment(String name, String audience, String query, String floorSql) {
    }

    /** What a person would write by hand against the base tables, with the unified ids they carry. */
    private static final String PERSON_ACCOUNTS = """
            SELECT DISTINCT l.person_id, l.account_id FROM profile.person_account_link l
            WHERE l.person_id IS NOT NULL AND l.account_id IS NOT NULL AND l.is_active IS DISTINCT FROM false""";

    static final List<Segment> SEGMENTS = List.of(
            new Segment("seed: won > 1M and new-product page last month", "person", """
                    sum(accounts.opportunities.amount where isWon = true) > 1000000
                    and exists(events where eventType = "web.webpagedetails.pageViews" and url contains "/products/new" and timestamp in last 1 month)""",
                    "WITH won AS (SELECT o.account_id, sum(o.amount) AS amount FROM profile.opportunity o"
                            + " WHERE o.is_won AND o.account_id IS NOT NULL GROUP BY 1), pa AS (" + PERSON_ACCOUNTS + ")\n"
                            + "SELECT pa.person_id FROM pa JOIN won USING (account_id) GROUP BY pa.person_id HAVING sum(won.amount) > 1000000\n"
                            + "INTERSECT\nSELECT e.person_id FROM profile.experience_event e"
                            + " WHERE e.person_id IS NOT NULL AND e.event_type = 'web.webpagedetails.pageViews' AND strpos(e.url, '/products/new') > 0"
                            + " AND e.ts >= now() - interval '1 month' AND e.ts <= now()"),
            new Segment("person attributes: DE, score >= 80, consent", "person",
                    "country = \"DE\" and score >= 80 and emailConsent = \"y\"",
                    "SELECT id FROM profile.unified_person WHERE country = 'DE' AND score >= 80 AND email_consent = 'y'"),
            new Segment("count of open opportunities of my accounts >= 3", "person",
                    "count(accounts.opportunities where isClosed = false) >= 3",
                    "WITH pa AS (" + PERSON_ACCOUNTS + "), open AS (SELECT o.account_id, count(*) AS n FROM profile.opportunity o"
                            + " WHERE o.is_closed = false AND o.account_id IS NOT NULL GROUP BY 1)\n"
                            + "SELECT pa.person_id FROM pa JOIN open USING (account_id) GROUP BY pa.person_id HAVING sum(open.n) >= 3"),
            new Segment("account audience: won > 1M", "account",
                    "sum(opportunities.amount where isWon = true) > 1000000",
                    "SELECT o.account_id FROM profile.opportunity o WHERE o.is_won AND o.account_id IS NOT NULL GROUP BY 1 HAVING sum(o.amount) > 1000000"),
            new Segment(">= 3 page views in the last 7 days", "person",
                    "count(events where eventType = \"web.webpagedetails.pageViews\" and timestamp in last 7 days) >= 3",
                    "SELECT e.person_id FROM profile.experience_event e WHERE e.person_id IS NOT NULL AND e.event_type = 'web.webpagedetails.pageViews'"
                            + " AND e.ts >= now() - interval '7 days' AND e.ts <= now() GROUP BY 1 HAVING count(*) >= 3"),
            new Segment("responded to a campaign, not on list 7", "person",
                    "exists(campaigns where hasResponded = true) and not exists(lists where name = \"List 7\")",
                    "SELECT m.person_id FROM profile.campaign_member m WHERE m.has_responded AND m.person_id IS NOT NULL\n"
                            + "EXCEPT\nSELECT m.person_id FROM profile.marketing_list_member m"
                            + " JOIN profile.marketing_list l ON l.source_key = m.list_key WHERE l.name = 'List 7'"));

    private final Options options;
    private final Api api;

    SegmentsBench(Options options) {
        this.options = options;
        this.api = new Api(options);
    }

    void run() throws Exception {
        double scale = options.dbl("scale", 1.0);
        int repeat = options.integer("repeat", 3);
        Results results = new Results("segments", options);
        results.put("scale", scale);
        try (Db db = new Db(options)) {
            BulkLoad load = new BulkLoad(db, scale);
            if (options.get("skip-load", "false").equals("true")) {
                // an organisation loaded by an earlier run (BENCH_DATA_DIR): its segments go, so that nothing
                // re-checks their members in the background while these are measured
                try (java.sql.Statement st = db.connection.createStatement()) {
                    st.execute("TRUNCATE segmentation.segment, segmentation.membership, segmentation.membership_history, segmentation.membership_count,"
                            + " segmentation.evaluation, segmentation.outbox CASCADE");
                }
            } else {
                double seconds = load.run();
                results.put("load", Map.of("people", load.people, "companies", load.companies, "opportunities", load.opportunities,
                        "events", load.events, "seconds", seconds));
                results.row("bulk load (SQL, not timed against targets)", String.format("%,d people, %,d companies, %,d opps, %,d events in %.0f s",
                        load.people, load.companies, load.opportunities, load.events, seconds), null);
            }
            String only = options.get("only", "");
            List<Map<String, Object>> rows = new ArrayList<>();
            int index = 0;
            for (Segment s : SEGMENTS) {
                index++;
                if (!only.isEmpty() && !List.of(only.split(",")).contains(Integer.toString(index))) continue;
                rows.add(measure(db, index, s, repeat, results));
            }
            results.put("segments", rows);
        }
        results.print();
        results.append(java.nio.file.Path.of(options.get("out", "bench-results")));
    }

    private Map<String, Object> measure(Db db, int index, Segment s, int repeat, Results results) throws Exception {
        System.out.printf("segment %d: %s%n", index, s.name());
        String body = "{\"name\":" + Api.JSON.writeValueAsString("bench " + index + ": " + s.name()) + ",\"audience\":\"" + s.audience()
                + "\",\"query\":" + Api.JSON.writeValueAsString(s.query()) + ",\"evaluation\":\"batch\"}";
        String segmentId = api.expect(api.postJson(options.segmentation() + "/v1/segments", body), 201, 200).json().get("id").asString();
        // creating a segment evaluates it once at once (every member enters): wait for that, report it separately
        long firstDuration = -1, firstMembers = -1;
        long deadline = System.nanoTime() + 30 * 60 * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (PreparedStatement ps = db.connection.prepareStatement(
                    "SELECT status, duration_ms, members, error FROM segmentation.evaluation WHERE segment_id = ? ORDER BY started_at LIMIT 1")) {
                ps.setString(1, segmentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && (rs.getString(1).equals("succeeded") || rs.getString(1).equals("failed"))) {
                        if (rs.getString(1).equals("failed")) throw new IllegalStateException("evaluation failed: " + rs.getString(4));
                        firstDuration = rs.getLong(2);
                        firstMembers = rs.getLong(3);
                        break;
                    }
                }
            }
            Thread.sleep(100);
        }
        // the first evaluation's entries go out through the outbox; publishing 800,000 of them takes minutes of
        // both cores, so the measured runs (and the floor) wait until it is done rather than compete with it
        long drainStarted = System.nanoTime();
        long pending = waitForOutbox(db, deadline);
        long drainMs = (System.nanoTime() - drainStarted) / 1_000_000;
        long vacuumMs = waitForAutovacuum(db, deadline);
        // a slow rule is measured once more only: its first evaluation already told most of the story
        int runs = firstDuration > options.integer("slow-ms", 30_000) ? 1 : repeat;
        long bestDuration = Long.MAX_VALUE;
        double bestWall = Double.MAX_VALUE;
        long members = -1;
        double bestFloor = Double.MAX_VALUE;
        long floorRows = 0;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            String evalId = api.expect(api.postJson(options.segmentation() + "/v1/segments/" + segmentId + "/evaluations", ""), 202)
                    .json().get("id").asString();
            while (true) {
                var st = api.expect(api.get(options.segmentation() + "/v1/segments/" + segmentId + "/evaluations/" + evalId), 200).json();
                String status = st.get("status").asString();
                if (status.equals("succeeded")) {
                    double wall = (System.nanoTime() - t0) / 1e6;
                    bestWall = Math.min(bestWall, wall);
                    bestDuration = Math.min(bestDuration, st.get("durationMs").asLong());
                    members = st.get("members").asLong();
                    break;
                }
                if (status.equals("failed")) throw new IllegalStateException("evaluation failed: " + st);
                Thread.sleep(20);
            }
            // the floor right after each evaluation, so neither always runs on the cache the other warmed
            t0 = System.nanoTime();
            long n = 0;
            db.connection.setAutoCommit(false); // fetch size needs a transaction
            try (PreparedStatement ps = db.connection.prepareStatement(s.floorSql())) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                        n++;
                    }
                }
            } finally {
                db.connection.commit();
                db.connection.setAutoCommit(true);
            }
            bestFloor = Math.min(bestFloor, (System.nanoTime() - t0) / 1e6);
            floorRows = n;
        }
        double ratio = bestDuration / bestFloor;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("name", s.name());
        m.put("audience", s.audience());
        m.put("query", s.query());
        m.put("segment_id", segmentId);
        m.put("members", members);
        m.put("floor_rows", floorRows);
        m.put("first_evaluation_ms", firstDuration);
        m.put("first_evaluation_members", firstMembers);
        m.put("outbox_drain_ms", drainMs);
        m.put("outbox_pending_at_measure", pending);
        m.put("autovacuum_wait_ms", vacuumMs);
        m.put("batch_duration_ms", bestDuration);
        m.put("batch_wall_ms", Math.round(bestWall));
        m.put("floor_ms", Math.round(bestFloor));
        m.put("ratio", Math.round(ratio * 100) / 100.0);
        m.put("runs", runs);
        m.put("floor_sql", s.floorSql());
        String check = members == floorRows ? "" : String.format(" MISMATCH floor %,d", floorRows);
        results.row(String.format("S%d %s", index, s.name()), String.format("%,d members%s; first %,d ms; batch %,d ms (wall %,d); floor %,d ms; x%.2f",
                members, check, firstDuration, bestDuration, Math.round(bestWall), Math.round(bestFloor), ratio),
                index == 1 ? "< 10 s, <= 1.5x floor" : "<= 1.5x floor");
        System.out.printf("  first evaluation's messages published in %,d ms (%,d still pending), then autovacuum done after %,d ms%n",
                drainMs, pending, vacuumMs);
        System.out.printf("  members %,d (floor %,d), first %,d ms, batch %,d ms, wall %.0f ms, floor %.0f ms, ratio %.2f%n",
                members, floorRows, firstDuration, bestDuration, bestWall, bestFloor, ratio);
        return m;
    }

    /**
     * Waits until no autovacuum worker has run for 3 s or the deadline passes; returns how long it waited. A
     * loaded organisation is vacuumed for minutes after the load (visibility maps, freezing), and every first
     * evaluation leaves dead outbox rows and new membership rows behind: a vacuum running meanwhile took one of the
     * two cores from whichever of the evaluation and its floor it overlapped, skewing their ratio.
     */
    private static long waitForAutovacuum(Db db, long deadline) throws Exception {
        long started = System.nanoTime(), quietSince = started;
        while (System.nanoTime() - quietSince < 3_000_000_000L && System.nanoTime() < deadline) {
            if (db.count("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'") > 0) {
                quietSince = System.nanoTime();
            }
            Thread.sleep(250);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Waits until segmentation's outbox is empty or the deadline passes; returns the messages still pending. */
    private static long waitForOutbox(Db db, long deadline) throws Exception {
        // the lowest id still there, by the index: counting hundreds of thousands of pending rows every 500 ms
        // would load PostgreSQL while the relay publishes them
        while (db.count("SELECT count(*) FROM (SELECT id FROM segmentation.outbox ORDER BY id LIMIT 1) o") > 0) {
            if (System.nanoTime() > deadline) {
                return db.count("SELECT count(*) FROM segmentation.outbox");
            }
            Thread.sleep(500);
        }
        return 0;
    }
}
