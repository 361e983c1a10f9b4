package dev.tributary.bench;

import dev.tributary.activation.ActivationApplication;
import dev.tributary.embedded.EmbeddedKafkaServer;
import dev.tributary.embedded.EmbeddedPostgresServer;
import dev.tributary.embedded.SharedInfrastructure;
import dev.tributary.emulators.CallStats;
import dev.tributary.emulators.Emulators;
import dev.tributary.emulators.marketo.MarketoHandle;
import dev.tributary.xdm.messaging.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario {@code activation}: activation-service delivering to the Marketo emulator at Marketo's real limits (100
 * calls per 20 s, 10 concurrent, 300 ids a call; limits observed, so a call over one is served and counted), all in
 * this JVM with an embedded PostgreSQL 17 and Kafka broker. (a) Throughput: {@code --members} (100,000) people, each
 * with their own Marketo lead, delivered into one static list by the backfill ({@code --feed=backfill}) or by
 * {@code entered} changes on {@code cdp.audience.changes.v1} ({@code --feed=topic}); leads/s from
 * {@code POST /v1/activations} (or the first change produced) until the emulator's list holds them all. (b) Latency:
 * {@code --changes} (200) single {@code entered} changes, one every {@code --interval-ms} (300), each from just before
 * it is produced until the emulator's list holds that lead (polled every {@code --poll-ms}, 2).
 */
final class ActivationBench {
    static final String TOPIC = Topics.AUDIENCE_CHANGES_NAME;
    /** 100 calls per 20 s, 300 leads a call: the most a Marketo instance accepts (ADR 0026). */
    static final double LIMIT_BOUND_LEADS_PER_SECOND = 1_500;

    private final Options options;
    private final Api api;
    private final String token;

    ActivationBench(Options options) {
        this.options = options;
        this.api = new Api(options);
        this.token = options.token();
    }

    void run() throws Exception {
        int members = options.integer("members", 100_000);
        String feed = options.get("feed", "backfill");
        int changes = options.integer("changes", 200);
        int intervalMs = options.integer("interval-ms", 300);
        if (!feed.equals("backfill") && !feed.equals("topic")) throw new IllegalArgumentException("--feed=backfill|topic");
        Results results = new Results("activation", options);

        long t0 = System.nanoTime();
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.startTransient();
        EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(0, 2, SharedInfrastructure.TOPICS);
        // profile-service's own migrations: people are written where profile-service writes them, read through profile_read
        Flyway.configure().dataSource(pg.jdbcUrl(), pg.username(), pg.password())
                .schemas("profile", "profile_read").defaultSchema("profile").createSchemas(true)
                .locations("classpath:db/migration/profile").load().migrate();
        SegmentationStub segmentation = new SegmentationStub(token);
        Emulators emulators = Emulators.builder()
                .property("cdp.emulators.marketo.limit-mode", "observe")
                .property("logging.level.root", "WARN").property("spring.main.banner-mode", "off")
                .start();
        ConfigurableApplicationContext activation = ActivationApplication.builder().run(
                "--server.port=0", "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + pg.jdbcUrl(), "--spring.datasource.username=" + pg.username(),
                "--spring.datasource.password=" + pg.password(), "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--cdp.security.api-token=" + token, "--cdp.activation.secrets-key=" + secretsKey(),
                "--cdp.activation.segmentation-url=" + segmentation.url());
        String base = "http://localhost:" + activation.getEnvironment().getProperty("local.server.port");
        System.out.printf("activation-service on %s, Marketo emulator on %s, PostgreSQL on %d, Kafka %s; started in %.1f s%n",
                base, emulators.baseUrl(), pg.port(), kafka.bootstrapServers(), (System.nanoTime() - t0) / 1e9);

        try (Connection db = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                     new StringSerializer(), new StringSerializer())) {
            throughput(results, base, emulators, segmentation, db, producer, members, feed);
            latency(results, base, emulators, segmentation, db, producer, changes, intervalMs);
        } finally {
            activation.close();
            emulators.close();
            segmentation.close();
            kafka.close();
            pg.close();
        }
        results.print();
        results.append(java.nio.file.Path.of(options.get("out", "bench-results")));
    }

    /** (a) Every member into one static list: leads/s against the limit-bound 1,500, calls, violations. */
    private void throughput(Results results, String base, Emulators emulators, SegmentationStub segmentation, Connection db,
                            KafkaProducer<String, String> producer, int n, String feed) throws Exception {
        MarketoHandle marketo = emulators.addMarketoInstance("BEN-THR-001", "bench-client", "bench-secret");
        long seedStart = System.nanoTime();
        List<String[]> people = people(db, marketo, "per_thr_", "thr", n);
        System.out.printf("seeded %,d Marketo leads and people in %.1f s%n", n, (System.nanoTime() - seedStart) / 1e9);
        String segmentId = "seg_bench_thr";
        String list = "bench throughput " + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = people.stream().map(p -> p[0]).toList();
        segmentation.members(segmentId, feed.equals("backfill") ? ids : List.of(), Instant.now().minusSeconds(60));
        String destination = destination(base, marketo);

        System.out.printf("throughput: %,d members into one static list by %s%n", n, feed);
        long start = System.nanoTime();
        String activationId = activate(base, segmentId, destination, list);
        Thread producing = null;
        if (feed.equals("topic")) {
            awaitActive(base, activationId);
            start = System.nanoTime();
            long produceStart = start;
            // on its own thread, so the list is watched (and the first lead seen) while the changes are produced
            producing = new Thread(() -> {
                Instant now = Instant.now();
                for (String id : ids) producer.send(record(segmentId, id, now));
                producer.flush();
                System.out.printf("  %,d entered changes produced in %.1f s%n", n, (System.nanoTime() - produceStart) / 1e9);
            }, "members-producer");
            producing.start();
        }
        long deadline = start + 15 * 60 * 1_000_000_000L;
        int inList = 0;
        long lastReport = System.nanoTime();
        double firstSeconds = Double.NaN;
        while ((inList = marketo.memberEmails(list).size()) < n && System.nanoTime() < deadline) {
            // the backfill reads the members and writes the ledger before its first call
            if (inList > 0 && Double.isNaN(firstSeconds)) firstSeconds = (System.nanoTime() - start) / 1e9;
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                System.out.printf("  %,d in the list after %.0f s%n", inList, (System.nanoTime() - start) / 1e9);
                lastReport = System.nanoTime();
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (producing != null) producing.join();
        CallStats.Snapshot stats = marketo.stats();
        JsonNode runs = api.expect(api.get(base + "/v1/activations/" + activationId + "/deliveries?limit=1000"), 200).json();
        long serviceCalls = 0;
        for (JsonNode run : runs.isArray() ? runs : runs.path("items")) serviceCalls += run.path("calls").asLong();
        double rate = inList / seconds;

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feed", feed);
        m.put("members", n);
        m.put("in_list", inList);
        m.put("seconds", Stats.round(seconds));
        m.put("first_lead_in_list_seconds", Stats.round(firstSeconds));
        m.put("leads_per_second", Math.round(rate));
        m.put("ratio_to_limit_bound", Math.round(rate / LIMIT_BOUND_LEADS_PER_SECOND * 1000) / 1000.0);
        m.put("emulator", stats.toJson());
        m.put("service_calls", serviceCalls);
        results.put("throughput", m);
        results.row("members into one list (" + feed + ")", String.format("%,d of %,d", inList, n), null);
        results.row("time until the list holds them all (the first lead)", String.format("%.1f s (%.1f s)", seconds, firstSeconds), null);
        results.row("leads/s", String.format("%,.0f", rate), null);
        results.row("ratio to the limit-bound 1,500 leads/s", String.format("%.3f", rate / LIMIT_BOUND_LEADS_PER_SECOND), ">= 0.9");
        results.row("Marketo calls: REST (token) / as the service counts them", String.format("%d (%d) / %d",
                stats.calls(), stats.tokenCalls(), serviceCalls), null);
        results.row("calls over a limit (violations), refused", stats.violationCount() + " " + stats.violations() + ", "
                + stats.refused(), "0");
    }

    /** (b) Single changes at a modest pace: produced -> the lead in the emulator's list. */
    private void latency(Results results, String base, Emulators emulators, SegmentationStub segmentation, Connection db,
                         KafkaProducer<String, String> producer, int n, int intervalMs) throws Exception {
        MarketoHandle marketo = emulators.addMarketoInstance("BEN-LAT-001", "bench-client", "bench-secret");
        List<String[]> people = people(db, marketo, "per_lat_", "lat", n);
        String segmentId = "seg_bench_lat";
        String list = "bench latency " + UUID.randomUUID().toString().substring(0, 8);
        segmentation.members(segmentId, List.of(), Instant.now());
        String activationId = activate(base, segmentId, destination(base, marketo), list);
        awaitActive(base, activationId);
        int pollMs = options.integer("poll-ms", 2);

        System.out.printf("latency: %d single entered changes, one every %d ms, the list polled every %d ms%n", n, intervalMs, pollMs);
        Map<String, Long> pending = new ConcurrentHashMap<>();
        Stats latency = new Stats();
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (!pending.isEmpty()) {
                    Set<String> inList = new HashSet<>(marketo.memberEmails(list));
                    long now = System.nanoTime();
                    pending.entrySet().removeIf(e -> {
                        if (!inList.contains(e.getKey())) return false;
                        latency.add((now - e.getValue()) / 1e6);
                        return true;
                    });
                }
                LockSupport.parkNanos(pollMs * 1_000_000L);
            }
        }, "latency-poller");
        poller.setDaemon(true);
        poller.start();
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        pacer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= n) return;
            String[] person = people.get(i);
            pending.put(person[1], System.nanoTime());
            producer.send(record(segmentId, person[0], Instant.now()));
        }, 0, intervalMs, TimeUnit.MILLISECONDS);
        while (next.get() < n) Thread.sleep(50);
        pacer.shutdown();
        long end = System.nanoTime() + 60_000_000_000L;
        while (!pending.isEmpty() && System.nanoTime() < end) Thread.sleep(20);
        poller.interrupt();
        poller.join(1000);
        CallStats.Snapshot stats = marketo.stats();

        Map<String, Object> m = new LinkedHashMap<>(latency.summary());
        m.put("changes", n);
        m.put("interval_ms", intervalMs);
        m.put("poll_ms", pollMs);
        m.put("not_in_list_within_60s", pending.size());
        m.put("emulator", stats.toJson());
        results.put("latency", m);
        results.row("single changes, one every " + intervalMs + " ms (not in the list within 60 s)",
                String.format("%d (%d)", latency.count(), pending.size()), ">= 200");
        results.row("produced -> lead in the list p50", Results.ms(latency.pct(50)), null);
        results.row("produced -> lead in the list p95", Results.ms(latency.pct(95)), "< 2,000 ms");
        results.row("produced -> lead in the list max", Results.ms(latency.pct(100)), null);
        results.row("latency phase: Marketo calls (token), violations", String.format("%d (%d), %d",
                stats.calls(), stats.tokenCalls(), stats.violationCount()), "0 violations");
    }

    /**
     * {@code n} Marketo leads in the emulated instance and, for each, a unified person with that email and consent
     * {@code y} and the person's own Marketo record (source key {@code <leadId>@<munchkinId>.Marketo}), so activation
     * resolves every lead id without a lookup call. Returns [person id, email] in order.
     */
    private static List<String[]> people(Connection db, MarketoHandle marketo, String idPrefix, String emailPrefix, int n)
            throws Exception {
        List<String[]> people = new ArrayList<>(n);
        Long[] leadIds = new Long[n];
        for (int i = 0; i < n; i++) {
            String email = emailPrefix + i + "@bench-activation.test";
            leadIds[i] = marketo.seedLead(Map.of("email", email));
            people.add(new String[]{idPrefix + i, email});
        }
        String munchkin = marketo.munchkinId();
        db.setAutoCommit(false);
        try (PreparedStatement profiles = db.prepareStatement("""
                INSERT INTO profile.unified_profile (id, entity_type, anchor_key, created_at, updated_at)
                SELECT ? || g, 'person', ? || g || '@bench.Anchor', now(), now() FROM generate_series(0, ? - 1) g""");
             PreparedStatement persons = db.prepareStatement("""
                INSERT INTO profile.unified_person (id, email, email_consent, created_at, updated_at)
                SELECT ? || g, ? || g || '@bench-activation.test', 'y', now(), now() FROM generate_series(0, ? - 1) g""");
             PreparedStatement fragments = db.prepareStatement("""
                INSERT INTO profile.fragment (source_key, xdm_class, source_type, source_instance_id, data, last_updated,
                                              content_hash, profile_id)
                SELECT l.id || '@' || ? || '.Marketo', 'person', 'Marketo', ?, '{}'::jsonb, now(), 'h', ? || (l.ord - 1)
                FROM unnest(?::bigint[]) WITH ORDINALITY AS l(id, ord)""")) {
            profiles.setString(1, idPrefix);
            profiles.setString(2, idPrefix);
            profiles.setInt(3, n);
            profiles.executeUpdate();
            persons.setString(1, idPrefix);
            persons.setString(2, emailPrefix);
            persons.setInt(3, n);
            persons.executeUpdate();
            fragments.setString(1, munchkin);
            fragments.setString(2, munchkin);
            fragments.setString(3, idPrefix);
            fragments.setArray(4, db.createArrayOf("bigint", leadIds));
            fragments.executeUpdate();
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
        return people;
    }

    private String destination(String base, MarketoHandle marketo) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("baseUrl", marketo.baseUrl());
        config.put("munchkinId", marketo.munchkinId());
        config.put("clientId", marketo.clientId());
        config.put("clientSecret", marketo.clientSecret());
        config.put("createMissingPersons", false);
        String body = Api.JSON.writeValueAsString(Map.of("name", "Marketo " + marketo.munchkinId(),
                "type", "marketo-static-list", "config", config));
        return api.expect(api.postJson(base + "/v1/destinations", body), 201).json().get("id").asString();
    }

    private String activate(String base, String segmentId, String destinationId, String listName) {
        String body = Api.JSON.writeValueAsString(Map.of("segmentId", segmentId, "destinationId", destinationId,
                "listName", listName));
        return api.expect(api.postJson(base + "/v1/activations", body), 201).json().get("id").asString();
    }

    /** The list exists and the backfill ran: changes produced from now on are delivered incrementally. */
    private void awaitActive(String base, String activationId) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode a = api.expect(api.get(base + "/v1/activations/" + activationId), 200).json();
            if (a.path("status").asString("").equals("active")) return;
            Thread.sleep(100);
        }
        throw new IllegalStateException("activation " + activationId + " not active within 120 s");
    }

    /** An {@code entered} change in the envelope segmentation-service's outbox publishes. */
    private static ProducerRecord<String, String> record(String segmentId, String personId, Instant occurredAt) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("segmentId", segmentId);
        payload.put("audience", "person");
        payload.put("entityId", personId);
        payload.put("change", "entered");
        payload.put("occurredAt", occurredAt.toString());
        payload.put("evaluationId", UUID.randomUUID().toString());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("type", "audience.membership.changed");
        envelope.put("schemaVersion", 1);
        envelope.put("time", occurredAt.toString());
        envelope.put("key", segmentId + ":" + personId);
        envelope.put("payload", payload);
        return new ProducerRecord<>(TOPIC, segmentId + ":" + personId, Api.JSON.writeValueAsString(envelope));
    }

    private static String secretsKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
