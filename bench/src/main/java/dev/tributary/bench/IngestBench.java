package dev.tributary.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Scenario {@code ingest}: bulk throughput ingest-to-unified (records, then events) and freshness at a
 * steady record rate. Expects an empty standalone (fresh data directory).
 */
final class IngestBench {

    private final Options options;
    private final Api api;

    IngestBench(Options options) {
        this.options = options;
        this.api = new Api(options);
    }

    record Post(String sourceId, byte[] body, int lines) {
    }

    void run() throws Exception {
        double scale = options.dbl("scale", 1.0);
        long seed = options.lng("seed", 42);
        int batchLines = options.integer("batch-lines", 5000);
        int concurrency = options.integer("concurrency", 4);
        int eventsPerRequest = options.integer("events-per-request", 1000);
        OrgGenerator org = new OrgGenerator(seed, scale, Instant.now());
        Results results = new Results("ingest", options);
        results.put("scale", scale);
        results.put("counts", Map.of("companies", org.companies, "people", org.people, "opportunities", org.opportunities,
                "events", org.events, "records", org.recordCount()));
        System.out.printf("ingest: scale %s -> %,d companies, %,d people, %,d opportunities, %,d records, %,d events%n",
                scale, org.companies, org.people, org.opportunities, org.recordCount(), org.events);

        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(OrgGenerator.CRM, api.createSource("Bench CRM", "file", "crm-1"));
        sources.put(OrgGenerator.MKTO, api.createSource("Bench Marketo", "file", "mkto-1"));
        sources.put(OrgGenerator.MDM, api.createSource("Bench MDM", "file", "mdm-1"));
        String web = api.createSource("Bench web", "web", "web-1");

        try (Db db = new Db(options)) {
            long baseFragments = db.count("SELECT count(*) FROM profile.fragment");
            long baseEvents = db.count("SELECT count(*) FROM profile.experience_event");
            if (baseFragments > 0 || baseEvents > 0) {
                System.out.printf("warning: database not empty (%,d fragments, %,d events); counting on top%n", baseFragments, baseEvents);
            }

            double warmupScale = options.dbl("warmup-scale", 0.05);
            if (warmupScale > 0) {
                warmUp(new OrgGenerator(seed + 1, warmupScale, Instant.now()), web, db);
                baseFragments = db.count("SELECT count(*) FROM profile.fragment");
                baseEvents = db.count("SELECT count(*) FROM profile.experience_event");
            }
            long basePersons = db.count("SELECT count(*) FROM profile.unified_person");
            long baseAccounts = db.count("SELECT count(*) FROM profile.unified_account");

            // ---- records throughput
            List<Post> posts = recordPosts(org, sources, batchLines, UnaryOperator.identity());
            long expected = baseFragments + org.recordCount();
            System.out.printf("posting %,d records in %,d requests, %d concurrent%n", org.recordCount(), posts.size(), concurrency);
            Stats requestMs = new Stats();
            AtomicLong accepted = new AtomicLong(), rejected = new AtomicLong();
            ActivitySampler sampler = new ActivitySampler(options);
            ProcessCpu cpu = ProcessCpu.of(options, db);
            ProcessCpu.Snapshot cpuBefore = cpu == null ? null : cpu.exclude(db.backendPid).exclude(sampler.backendPid).snapshot();
            ProcessCpu.Machine machineBefore = ProcessCpu.Machine.now();
            long t0 = System.nanoTime();
            postAll(posts, concurrency, requestMs, accepted, rejected, true);
            long tPosted = System.nanoTime();
            long tApplied = db.awaitCount("profile.fragment", expected, 250, 120, "records");
            ProcessCpu.Snapshot cpuUsed = cpu == null ? null : cpu.snapshot().minus(cpuBefore);
            ProcessCpu.Machine machineAfter = ProcessCpu.Machine.now();
            sampler.close();
            sampler.report(results, "records_db_activity");
            double postSec = (tPosted - t0) / 1e9;
            double e2eSec = tApplied < 0 ? Double.NaN : (tApplied - t0) / 1e9;
            double recordsPerSec = org.recordCount() / e2eSec;
            long unified = db.count("SELECT count(*) FROM profile.unified_person") - basePersons;
            long unifiedAccounts = db.count("SELECT count(*) FROM profile.unified_account") - baseAccounts;
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("records", org.recordCount());
            rec.put("accepted", accepted.get());
            rec.put("rejected", rejected.get());
            rec.put("post_seconds", round(postSec));
            rec.put("acceptance_records_per_s", Math.round(org.recordCount() / postSec));
            rec.put("end_to_end_seconds", round(e2eSec));
            rec.put("end_to_end_records_per_s", Double.isNaN(recordsPerSec) ? null : Math.round(recordsPerSec));
            rec.put("request_ms", requestMs.summary());
            rec.put("unified_persons", unified);
            rec.put("unified_accounts", unifiedAccounts);
            results.put("records_throughput", rec);
            results.row("records sent (accepted / rejected)", String.format("%,d / %,d", accepted.get(), rejected.get()), null);
            results.row("records: ingestion acceptance rate", String.format("%,d rec/s (%.1f s)", Math.round(org.recordCount() / postSec), postSec), null);
            results.row("records: ingest-to-unified throughput", Double.isNaN(e2eSec) ? "stalled"
                    : String.format("%,d rec/s (%.1f s)", Math.round(recordsPerSec), e2eSec), ">= 4,000 rec/s");
            results.row("unified persons / accounts", String.format("%,d / %,d", unified, unifiedAccounts),
                    String.format("%,d / %,d", org.people, org.companies));
            if (cpuUsed != null) {
                // CPU time per 1,000 records, from the first request until the last fragment is stored
                Map<String, Long> perThousand = new LinkedHashMap<>();
                cpuUsed.seconds().forEach((part, sec) -> perThousand.put(part, Math.round(sec * 1e6 / org.recordCount())));
                rec.put("cpu_ms_per_1000_records", perThousand);
                rec.put("cpu_ms_per_1000_records_by_component",
                        ProcessCpu.report(cpuUsed, 1e6 / org.recordCount(), "ms per 1,000 records", "records_cpu"));
                double busy = cpuUsed.seconds().values().stream().mapToDouble(Double::doubleValue).sum() / e2eSec;
                results.row("records: CPU per 1,000 records", String.format(
                        "PostgreSQL %,d ms, JVM %,d ms + JIT compiler %,d ms (%.2f cores busy)",
                        perThousand.get("postgres"), perThousand.get("jvm"), perThousand.get("jit"), busy), null);
            }
            if (machineBefore != null && machineAfter != null) {
                rec.put("machine", machineAfter.since(machineBefore));
                results.row("records: machine (2 cores) meanwhile", machineAfter.since(machineBefore), null);
            }

            // ---- events throughput
            if (!options.get("skip-events", "false").equals("true")) {
                List<Post> eventPosts = eventPosts(org, web, eventsPerRequest, UnaryOperator.identity());
                System.out.printf("posting %,d events in %,d requests%n", org.events, eventPosts.size());
                Stats eventMs = new Stats();
                AtomicLong evAccepted = new AtomicLong(), evRejected = new AtomicLong();
                ActivitySampler evSampler = new ActivitySampler(options);
                long e0 = System.nanoTime();
                postAll(eventPosts, concurrency, eventMs, evAccepted, evRejected, false);
                long ePosted = System.nanoTime();
                long eApplied = db.awaitCount("profile.experience_event", baseEvents + org.events, 250, 120, "events");
                evSampler.close();
                evSampler.report(results, "events_db_activity");
                double ePostSec = (ePosted - e0) / 1e9;
                double eSec = eApplied < 0 ? Double.NaN : (eApplied - e0) / 1e9;
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("events", org.events);
                ev.put("accepted", evAccepted.get());
                ev.put("rejected", evRejected.get());
                ev.put("post_seconds", round(ePostSec));
                ev.put("end_to_end_seconds", round(eSec));
                ev.put("end_to_end_events_per_s", Double.isNaN(eSec) ? null : Math.round(org.events / eSec));
                ev.put("request_ms", eventMs.summary());
                results.put("events_throughput", ev);
                results.row("events: ingestion acceptance rate", String.format("%,d ev/s (%.1f s)", Math.round(org.events / ePostSec), ePostSec), null);
                results.row("events: ingest-to-stored throughput", Double.isNaN(eSec) ? "stalled"
                        : String.format("%,d ev/s (%.1f s)", Math.round(org.events / eSec), eSec), null);
            }

            // ---- freshness at a steady rate
            int seconds = options.integer("freshness-seconds", 60);
            if (seconds > 0) {
                for (String rate : options.get("freshness-rates", "1000,250").split(",")) {
                    freshness(org, sources.get(OrgGenerator.CRM), seconds, Integer.parseInt(rate.trim()), results, db);
                    // let the backlog of a rate the system could not sustain drain before the next rate
                    drain(db);
                }
            }
        }
        results.print();
        results.append(java.nio.file.Path.of(options.get("out", "bench-results")));
    }

    /**
     * Loads a separate, smaller organisation (its own source instances {@code crm-w}, {@code mkto-w}, {@code mdm-w} and
     * email domains, so it never merges with the measured one) and waits until it is applied: the measured phases then
     * see a JIT-compiled JVM, as a running service does, instead of paying for compilation in the first 40 seconds.
     */
    private void warmUp(OrgGenerator warm, String webSource, Db db) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(OrgGenerator.CRM, api.createSource("Warm-up CRM", "file", "crm-w"));
        sources.put(OrgGenerator.MKTO, api.createSource("Warm-up Marketo", "file", "mkto-w"));
        sources.put(OrgGenerator.MDM, api.createSource("Warm-up MDM", "file", "mdm-w"));
        long fragments = db.count("SELECT count(*) FROM profile.fragment");
        long events = db.count("SELECT count(*) FROM profile.experience_event");
        List<Post> posts = recordPosts(warm, sources, 5000, IngestBench::warmUpKeys);
        List<Post> eventPosts = eventPosts(warm, webSource, 1000, IngestBench::warmUpKeys);
        System.out.printf("warm-up: %,d records and %,d events of a separate organisation%n", warm.recordCount(), warm.events);
        long t0 = System.nanoTime();
        postAll(posts, 4, new Stats(), new AtomicLong(), new AtomicLong(), true);
        postAll(eventPosts, 4, new Stats(), new AtomicLong(), new AtomicLong(), false);
        db.awaitCount("profile.fragment", fragments + warm.recordCount(), 500, 300, "warm-up records");
        db.awaitCount("profile.experience_event", events + warm.events, 500, 300, "warm-up events");
        System.out.printf("warm-up applied in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** The organisation's record lines per source, as NDJSON requests of {@code batchLines} lines each. */
    private static List<Post> recordPosts(OrgGenerator org, Map<String, String> sources, int batchLines,
                                          UnaryOperator<String> rewrite) {
        List<Post> posts = new ArrayList<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            List<String> lines = org.records(s.getKey()).stream().map(rewrite).toList();
            for (int i = 0; i < lines.size(); i += batchLines) {
                List<String> slice = lines.subList(i, Math.min(lines.size(), i + batchLines));
                posts.add(new Post(s.getValue(), (String.join("\n", slice) + "\n").getBytes(StandardCharsets.UTF_8), slice.size()));
            }
        }
        return posts;
    }

    /** The organisation's events as JSON arrays of {@code perRequest} events each. */
    private static List<Post> eventPosts(OrgGenerator org, String webSource, int perRequest, UnaryOperator<String> rewrite) {
        List<Post> posts = new ArrayList<>();
        for (long n = 0; n < org.events; n += perRequest) {
            StringBuilder sb = new StringBuilder("[");
            long end = Math.min(org.events, n + perRequest);
            for (long k = n; k < end; k++) {
                if (k > n) sb.append(',');
                sb.append(rewrite.apply(org.event(k)));
            }
            posts.add(new Post(webSource, sb.append(']').toString().getBytes(StandardCharsets.UTF_8), (int) (end - n)));
        }
        return posts;
    }

    private static String warmUpKeys(String line) {
        return line.replace("@crm-1.", "@crm-w.").replace("@mkto-1.", "@mkto-w.").replace("@mdm-1.", "@mdm-w.")
                .replace(".bench-corp.com", ".warm-corp.com");
    }

    /** Creates the four sources (CRM, Marketo, MDM, web; the web one under key "web") and loads the organisation. */
    Map<String, String> loadOrg(OrgGenerator org, Db db) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(OrgGenerator.CRM, api.createSource("Bench CRM", "file", "crm-1"));
        sources.put(OrgGenerator.MKTO, api.createSource("Bench Marketo", "file", "mkto-1"));
        sources.put(OrgGenerator.MDM, api.createSource("Bench MDM", "file", "mdm-1"));
        String web = api.createSource("Bench web", "web", "web-1");
        long baseFragments = db.count("SELECT count(*) FROM profile.fragment");
        long baseEvents = db.count("SELECT count(*) FROM profile.experience_event");
        List<Post> recordPosts = recordPosts(org, sources, 5000, UnaryOperator.identity());
        List<Post> eventPosts = eventPosts(org, web, 1000, UnaryOperator.identity());
        System.out.printf("loading %,d records and %,d events through the API%n", org.recordCount(), org.events);
        postAll(recordPosts, 4, new Stats(), new AtomicLong(), new AtomicLong(), true);
        postAll(eventPosts, 4, new Stats(), new AtomicLong(), new AtomicLong(), false);
        db.awaitCount("profile.fragment", baseFragments + org.recordCount(), 500, 120, "records");
        db.awaitCount("profile.experience_event", baseEvents + org.events, 500, 120, "events");
        sources.put("web", web);
        return sources;
    }

    private void postAll(List<Post> posts, int concurrency, Stats requestMs, AtomicLong accepted, AtomicLong rejected,
                         boolean records) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> futures = new ArrayList<>();
        for (Post p : posts) {
            futures.add(pool.submit(() -> {
                for (int attempt = 1; ; attempt++) {
                    long s = System.nanoTime();
                    Api.Response r = records ? api.postRecords(p.sourceId(), p.body()) : api.postEvents(p.sourceId(), p.body());
                    requestMs.add((System.nanoTime() - s) / 1e6);
                    if (r.status() == 202) {
                        accepted.addAndGet(r.json().get("accepted").asLong());
                        long rej = r.json().get("rejected").asLong();
                        rejected.addAndGet(rej);
                        if (rej > 0 && rejected.get() == rej) System.out.println("  first rejections: " + r.body());
                        return null;
                    }
                    if (r.status() != 503 || attempt == 3) throw new IllegalStateException("HTTP " + r.status() + " " + r.body());
                }
            }));
        }
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    /** Tick {@code n}'s lines: see {@link #freshness}; new contacts whose line number is a multiple of {@code sampleEvery} are sampled. */
    private static Paced.Batch freshnessBatch(OrgGenerator org, String crmSource, String run, int rate, int perTick, long sampleEvery,
                                              AtomicLong newPersons, long n) {
        List<String> lines = new ArrayList<>(perTick);
        List<String> sampled = new ArrayList<>();
        for (int i = 0; i < perTick; i++) {
            long seq = n * perTick + i;
            if (i % 2 == 0 || i < perTick / 2) {
                long p = newPersons.getAndIncrement();
                int c = (int) (p % org.companies);
                String key = "003F" + run + "r" + rate + "x" + p + "@" + OrgGenerator.CRM;
                lines.add(OrgGenerator.contactLine(key, c, "f" + run + "r" + rate + "x" + p + "@" + OrgGenerator.domain(c), "New", "Person" + p,
                        "Analyst", "US", Instant.now().toString()));
                if (seq % sampleEvery == 0) sampled.add(key);
            } else {
                lines.add(org.crmContact(seq * 7919 % org.people, "Title " + seq));
            }
        }
        return new Paced.Batch(crmSource, lines, sampled);
    }

    /** Waits until profile-service has applied every record sent so far (fragment count stops growing). */
    private void drain(Db db) throws Exception {
        long last = -1;
        while (true) {
            long c = db.count("SELECT count(*) FROM profile.fragment");
            if (c == last) return;
            last = c;
            Thread.sleep(3000);
        }
    }

    /**
     * Paced sends of one batch every 20 ms (20 lines at 1,000 records/s): three quarters are new CRM contacts, the
     * rest updates of existing contacts; every 200th line ({@code --sample-every}) is a new contact that is
     * probed. Freshness = time from the 202 to the person being returned by
     * GET /v1/persons?identity=b2b_person:<key> ({@link Probes}). A warm-up of the same traffic runs first.
     */
    private void freshness(OrgGenerator org, String crmSource, int seconds, int rate, Results results, Db db) throws Exception {
        int tick = options.integer("tick-ms", 20);
        int perTick = Math.max(1, rate * tick / 1000);
        int sampleEvery = options.integer("sample-every", 200);
        int pollMs = options.integer("poll-ms", 50);
        String run = Long.toString(System.currentTimeMillis() % 100000, 36);
        Paced paced = new Paced();
        AtomicLong newPersons = new AtomicLong();
        int warmupSeconds = options.integer("freshness-warmup-seconds", 30);
        if (warmupSeconds > 0) {
            // the same traffic, unmeasured and straight before the measured one: a running service is warm, and a
            // standalone just done with the bulk phase still spends a sixth of the machine compiling the paths of
            // small requests (docs/benchmarks.md)
            System.out.printf("freshness warm-up: %d records/s for %d s, not measured%n", rate, warmupSeconds);
            new Paced().run(api, tick, warmupSeconds,
                    n -> freshnessBatch(org, crmSource, run + "w", rate, perTick, Long.MAX_VALUE, newPersons, n), (batch, events, t) -> { });
        }
        System.out.printf("freshness: %d records/s for %d s (%d every %d ms), 1 in %d probed%n", rate, seconds, perTick, tick, sampleEvery);
        Probes probes = new Probes(pollMs, 60);
        ActivitySampler sampler = new ActivitySampler(options);
        ProcessCpu cpu = ProcessCpu.of(options, db);
        ProcessCpu.Snapshot cpuBefore = cpu == null ? null : cpu.exclude(sampler.backendPid).snapshot();
        long t0 = System.nanoTime();
        paced.run(api, tick, seconds, n -> freshnessBatch(org, crmSource, run, rate, perTick, sampleEvery, newPersons, n),
                (batch, events, acceptedAt) -> batch.sampled().forEach(key ->
                        probes.probe(acceptedAt, () -> api.personByIdentity("b2b_person", key).status() == 200)));
        probes.awaitAll(60);
        ProcessCpu.Snapshot cpuUsed = cpu == null ? null : cpu.snapshot().minus(cpuBefore);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        probes.shutdown();
        sampler.close();
        sampler.report(results, "freshness_" + rate + "_db_activity");
        Map<String, Object> f = new LinkedHashMap<>(probes.latency.summary());
        double achieved = paced.sentLines.get() / paced.elapsedSeconds;
        f.put("target_rate", rate);
        f.put("achieved_rate", Math.round(achieved));
        f.put("seconds", seconds);
        f.put("warmup_seconds", warmupSeconds);
        f.put("not_visible_within_60s", probes.timedOut.get());
        f.put("failed_requests", paced.failedRequests.get());
        f.put("post_ms", paced.postLatency.summary());
        f.put("probe_polls", probes.polls.get());
        f.put("probe_poll_ms", probes.pollMillis.summary());
        results.put("freshness_" + rate, f);
        String at = "freshness @" + rate + "/s: ";
        results.row(at + "achieved rate", String.format("%,d rec/s", Math.round(achieved)), null);
        results.row(at + "samples (not visible in 60 s)", String.format("%,d (%d)", probes.latency.count(), probes.timedOut.get()), null);
        results.row(at + "p50", Results.ms(probes.latency.pct(50)), null);
        results.row(at + "p95", Results.ms(probes.latency.pct(95)), rate == 1000 ? "< 1,000 ms" : null);
        results.row(at + "p99", Results.ms(probes.latency.pct(99)), null);
        results.row(at + "max", Results.ms(probes.latency.pct(100)), null);
        if (probes.byMinute.size() > 1) {
            // a run longer than a minute shows whether latency settles or a backlog grows
            Map<String, Object> minutes = new LinkedHashMap<>();
            probes.byMinute.forEach((minute, stats) -> {
                minutes.put("minute_" + (minute + 1), stats.summary());
                results.row(at + "minute " + (minute + 1) + " p50 / p95", Results.ms(stats.pct(50)) + " / " + Results.ms(stats.pct(95)), null);
            });
            f.put("by_minute", minutes);
        }
        results.row(at + "probe polls (p50 / max ms)", String.format("%,d (%s / %s)", probes.polls.get(),
                Results.ms(probes.pollMillis.pct(50)), Results.ms(probes.pollMillis.pct(100))), null);
        if (cpuUsed != null) {
            // from the first request until the last probe is visible, backlog included
            Map<String, Double> cores = new LinkedHashMap<>();
            cpuUsed.seconds().forEach((part, sec) -> cores.put(part, round(sec / elapsed)));
            f.put("cores_busy", cores);
            f.put("cores_busy_by_component", ProcessCpu.report(cpuUsed, 1 / elapsed, "cores", "freshness_" + rate + "_cpu"));
            results.row(at + "cores busy (of 2)", String.format("PostgreSQL %.2f, JVM %.2f + JIT %.2f, bench client %.2f (%.0f s)",
                    cores.get("postgres"), cores.get("jvm"), cores.get("jit"), cores.get("bench"), elapsed), null);
        }
        results.row(at + "POST 202 latency p50 / p95", Results.ms(paced.postLatency.pct(50)) + " / " + Results.ms(paced.postLatency.pct(95)), null);
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
    }
}
