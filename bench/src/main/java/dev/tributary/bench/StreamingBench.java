package dev.tributary.bench;

import dev.tributary.xdm.messaging.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario {@code streaming}: a streaming seed segment on an organisation loaded through the API, then a steady
 * stream of changes (contact and open-opportunity updates, plus page views of /products/new by people whose
 * company already won more than 1M, which makes them enter). Latency = from the 202 of the page view to the
 * {@code audience.membership.changed} "entered" message for that person on {@code cdp.audience.changes.v1}.
 */
final class StreamingBench {
    static final String SEED = "sum(accounts.opportunities.amount where isWon = true) > 1000000\n"
            + "and exists(events where eventType = \"web.webpagedetails.pageViews\" and url contains \"/products/new\" and timestamp in last 1 month)";

    private final Options options;
    private final Api api;

    StreamingBench(Options options) {
        this.options = options;
        this.api = new Api(options);
    }

    void run() throws Exception {
        int people = options.integer("people", 10_000);
        int seconds = options.integer("seconds", 60);
        int rate = options.integer("rate", 1000);
        int samplesPerSecond = options.integer("samples-per-second", 10);
        // share of the opportunity updates that change a won amount, which the seed rule reads (the rest are open deals)
        double wonShare = options.dbl("won-share", 0);
        int tick = 20;
        int perTick = Math.max(1, rate * tick / 1000);
        int sampleEveryTicks = Math.max(1, 1000 / tick / samplesPerSecond);
        long seed = options.lng("seed", 42);
        OrgGenerator org = new OrgGenerator(seed, Math.max(1, people / 10), people, people, // ~10 opportunities a company, so that many companies won > 1M
               
                options.lng("events", people * 2L), Instant.now());
        Results results = new Results("streaming", options);
        results.put("org", Map.of("companies", org.companies, "people", org.people, "opportunities", org.opportunities, "events", org.events));
        try (Db db = new Db(options)) {
            Map<String, String> sources = new IngestBench(options).loadOrg(org, db);
            String body = "{\"name\":\"bench streaming seed\",\"audience\":\"person\",\"query\":" + Api.JSON.writeValueAsString(SEED)
                    + ",\"evaluation\":\"streaming\"}";
            String segmentId = api.expect(api.postJson(options.segmentation() + "/v1/segments", body), 201, 200).json().get("id").asString();
            awaitFirstEvaluation(db, segmentId);
            List<String[]> candidates = candidates(db, segmentId);
            System.out.printf("streaming segment %s; %,d people can enter by one page view%n", segmentId, candidates.size());

            Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
            Stats latency = new Stats();
            Stats profileLatency = new Stats();
            Stats evaluatedLatency = new Stats();
            // the same moments on the wall clock, to compare with the instant a membership change was decided at
            Map<String, Long> acceptedAtMillis = new ConcurrentHashMap<>();
            AtomicLong otherChanges = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread consumer = consumer(segmentId, acceptedAt, acceptedAtMillis, latency, profileLatency, evaluatedLatency, otherChanges, stop);

            AtomicInteger next = new AtomicInteger();
            String run = Long.toString(System.currentTimeMillis() % 100000, 36);
            int warmupSeconds = options.integer("warmup-seconds", 60);
            if (warmupSeconds > 0) {
                // the same traffic without the sampled page views, unmeasured: a running service is warm, and a
                // standalone two minutes old spends a sixth of the machine compiling (docs/benchmarks.md)
                System.out.printf("warm-up: %d changes/s for %d s, not measured%n", rate, warmupSeconds);
                new Paced().run(api, tick, warmupSeconds, n -> new Paced.Batch(sources.get(OrgGenerator.CRM),
                        // other ticks than the measured ones, so the measured updates carry new titles and amounts
                        changes(org, n + 1_000_000_000L, perTick, 0, wonShare), List.of(), sources.get("web"), List.of()),
                        (batch, events, t) -> { });
            }
            Paced paced = new Paced();
            System.out.printf("streaming: %d changes/s for %d s, %d page views/s sampled%n", rate, seconds, samplesPerSecond);
            ActivitySampler sampler = new ActivitySampler(options);
            ProcessCpu.Machine machineBefore = ProcessCpu.Machine.now();
            ProcessCpu cpu = ProcessCpu.of(options, db);
            ProcessCpu.Snapshot cpuBefore = cpu == null ? null : cpu.exclude(db.backendPid).exclude(sampler.backendPid).snapshot();
            paced.run(api, tick, seconds, n -> {
                List<String> lines = new ArrayList<>(perTick);
                List<String> events = new ArrayList<>();
                List<String> sampled = new ArrayList<>();
                if (n % sampleEveryTicks == 0 && next.get() < candidates.size()) {
                    String[] c = candidates.get(next.getAndIncrement());
                    events.add(OrgGenerator.pageView("sev-" + run + "-" + n, c[1], "/products/new", Instant.now()));
                    sampled.add(c[0]);
                }
                lines.addAll(changes(org, n, perTick, events.size(), wonShare));
                return new Paced.Batch(sources.get(OrgGenerator.CRM), lines, sampled, sources.get("web"), events);
            }, (batch, events, t) -> {
                if (events) {
                    long millis = System.currentTimeMillis() - (System.nanoTime() - t) / 1_000_000;
                    batch.sampled().forEach(id -> {
                        acceptedAtMillis.put(id, millis);
                        acceptedAt.put(id, t);
                    });
                }
            });
            long end = System.nanoTime() + 60_000_000_000L;
            while (latency.count() < acceptedAt.size() && System.nanoTime() < end) Thread.sleep(50);
            stop.set(true);
            consumer.join(5000);
            ProcessCpu.Machine machineAfter = ProcessCpu.Machine.now();
            ProcessCpu.Snapshot cpuUsed = cpu == null ? null : cpu.snapshot().minus(cpuBefore);
            sampler.close();
            sampler.report(results, "streaming_db_activity");
            int missing = acceptedAt.size() - latency.count();
            Map<String, Object> m = new LinkedHashMap<>(latency.summary());
            m.put("segment_id", segmentId);
            m.put("target_rate", rate);
            m.put("won_share", wonShare);
            m.put("achieved_rate", Math.round(paced.sentLines.get() / paced.elapsedSeconds));
            m.put("sampled", acceptedAt.size());
            m.put("no_entered_message_within_60s", missing);
            m.put("other_membership_messages", otherChanges.get());
            m.put("failed_requests", paced.failedRequests.get());
            m.put("post_ms", paced.postLatency.summary());
            m.put("profile_change_ms", profileLatency.summary());
            m.put("decided_ms", evaluatedLatency.summary());
            results.put("streaming", m);
            results.row("org (people / companies / opps / events)", String.format("%,d / %,d / %,d / %,d", org.people, org.companies,
                    org.opportunities, org.events), null);
            results.row("changes/s target / achieved", String.format("%,d / %,d", rate, Math.round(paced.sentLines.get() / paced.elapsedSeconds)), null);
            results.row("sampled entries (no message within 60 s)", String.format("%,d (%d)", acceptedAt.size(), missing), null);
            results.row("202 -> entered message p50", Results.ms(latency.pct(50)), null);
            results.row("202 -> entered message p95", Results.ms(latency.pct(95)), "< 1,000 ms");
            results.row("202 -> entered message p99", Results.ms(latency.pct(99)), null);
            results.row("202 -> entered message max", Results.ms(latency.pct(100)), null);
            results.row("of which 202 -> profile change p50 / p95", Results.ms(profileLatency.pct(50)) + " / "
                    + Results.ms(profileLatency.pct(95)), null);
            results.row("of which 202 -> decided (the change's occurredAt) p50 / p95", Results.ms(evaluatedLatency.pct(50)) + " / "
                    + Results.ms(evaluatedLatency.pct(95)), null);
            results.row("POST 202 latency p50 / p95", Results.ms(paced.postLatency.pct(50)) + " / " + Results.ms(paced.postLatency.pct(95)), null);
            if (machineBefore != null && machineAfter != null) {
                results.row("machine (2 cores) while sending and until the last message", machineAfter.since(machineBefore), null);
                m.put("machine", machineAfter.since(machineBefore));
            }
            if (cpuUsed != null) {
                Map<String, Double> cpuSeconds = cpuUsed.seconds();
                m.put("cpu_seconds", cpuSeconds);
                m.put("cpu_seconds_by_component", ProcessCpu.report(cpuUsed, 1, "CPU seconds", "streaming_cpu"));
                results.row("CPU seconds meanwhile", String.format("PostgreSQL %.1f, JVM %.1f + JIT compiler %.1f",
                        cpuSeconds.get("postgres"), cpuSeconds.get("jvm"), cpuSeconds.get("jit")), null);
            }
        }
        results.print();
        results.append(java.nio.file.Path.of(options.get("out", "bench-results")));
    }

    private void awaitFirstEvaluation(Db db, String segmentId) throws Exception {
        for (int i = 0; i < 6000; i++) {
            try (PreparedStatement ps = db.connection.prepareStatement(
                    "SELECT count(*) FROM segmentation.evaluation WHERE segment_id = ? AND status IN ('succeeded', 'failed')")) {
                ps.setString(1, segmentId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the segment's first evaluation did not finish");
    }

    /** [person id, CRM contact key] of people whose company won more than 1M but who are not members yet. */
    private List<String[]> candidates(Db db, String segmentId) throws Exception {
        String sql = """
                WITH won AS (SELECT ap.profile_id AS account_id, sum(o.amount) AS amount FROM profile.opportunity o
                             JOIN profile.identity_profile ap ON ap.entity_type = 'account' AND ap.namespace = 'b2b_account' AND ap.value = o.account_key
                             WHERE o.is_won GROUP BY 1),
                     pa AS (SELECT DISTINCT person_id, account_id FROM profile_read.person_account),
                     rich AS (SELECT pa.person_id FROM pa JOIN won USING (account_id) GROUP BY 1 HAVING sum(won.amount) > 1000000)
                SELECT r.person_id, min(ip.value) FROM rich r
                JOIN profile.identity_profile ip ON ip.entity_type = 'person' AND ip.namespace = 'b2b_person'
                     AND ip.profile_id = r.person_id AND ip.value LIKE '003P%'
                WHERE NOT EXISTS (SELECT 1 FROM segmentation.membership m WHERE m.segment_id = ? AND m.entity_id = r.person_id AND m.active)
                GROUP BY r.person_id ORDER BY r.person_id""";
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = db.connection.prepareStatement(sql)) {
            ps.setString(1, segmentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new String[]{rs.getString(1), rs.getString(2)});
            }
        }
        java.util.Collections.shuffle(out, new java.util.Random(7));
        return out;
    }

    /** Tick {@code n}'s record lines after {@code taken} other lines: contact updates, and every sixth an opportunity update. */
    private static List<String> changes(OrgGenerator org, long n, int perTick, int taken, double wonShare) {
        List<String> lines = new ArrayList<>(perTick);
        for (int i = taken; i < perTick; i++) {
            long seq = n * perTick + i;
            if (i % 6 == 5) {
                int k = (int) ((seq * 7919) % org.opportunities);
                if ((seq * 2654435761L % 1000) < wonShare * 1000) {
                    // relevant to the rule: a won amount rises (never below the generated one, so candidates stay candidates)
                    lines.add(org.wonOpportunityRaise(k - k % 3, 1000 + seq % 50_000));
                } else {
                    if (k % 3 == 0) k = (k + 1) % org.opportunities;   // keep won totals as they are
                    lines.add(org.openOpportunityUpdate(k, 1000 + seq % 50_000));
                }
            } else {
                lines.add(org.crmContact(seq * 104729 % org.people, "Title " + seq));
            }
        }
        return lines;
    }

    /**
     * Reads the audience changes (the measured latency) and the profile changes (where that latency splits: the
     * sampled person's "events" change, published by profile-service, is what segmentation re-evaluates on).
     */
    private Thread consumer(String segmentId, Map<String, Long> acceptedAt, Map<String, Long> acceptedAtMillis, Stats latency,
                            Stats profileLatency, Stats evaluatedLatency, AtomicLong other,
                            AtomicBoolean stop) throws InterruptedException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        KafkaConsumer<String, String> kafka = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = java.util.stream.Stream.of(Topics.AUDIENCE_CHANGES_NAME, Topics.PROFILE_CHANGES_NAME)
                .flatMap(topic -> kafka.partitionsFor(topic).stream())
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        partitions.forEach(kafka::position);
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        Map<String, Boolean> seenInProfile = new ConcurrentHashMap<>();
        Thread t = new Thread(() -> {
            try (kafka) {
                while (!stop.get()) {
                    for (ConsumerRecord<String, String> r : kafka.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        JsonNode payload = Api.JSON.readTree(r.value()).get("payload");
                        if (r.topic().equals(Topics.PROFILE_CHANGES_NAME)) {
                            JsonNode profileId = payload.get("profileId");
                            Long accepted = profileId == null ? null : acceptedAt.get(profileId.asString());
                            if (accepted != null && payload.path("reasons").toString().contains("\"events\"")
                                    && seenInProfile.putIfAbsent(profileId.asString(), true) == null) {
                                profileLatency.add((now - accepted) / 1e6);
                            }
                            continue;
                        }
                        String entity = payload.get("entityId").asString();
                        Long accepted = acceptedAt.get(entity);
                        if (payload.get("segmentId").asString().equals(segmentId) && payload.get("change").asString().equals("entered")
                                && accepted != null && seen.putIfAbsent(entity, true) == null) {
                            latency.add((now - accepted) / 1e6);
                            // when segmentation decided it (the re-evaluation's now): the rest is its outbox and Kafka
                            evaluatedLatency.add(java.time.Instant.parse(payload.get("occurredAt").asString()).toEpochMilli()
                                    - acceptedAtMillis.get(entity));
                        } else {
                            other.incrementAndGet();
                        }
                    }
                }
            }
        }, "audience-consumer");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
