package dev.tributary.standalone;

import dev.tributary.xdm.json.XdmJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone as its own process, killed with SIGKILL at random points and started again on the same data
 * directory, then stopped with SIGTERM (ADR 0020): every record that got a 202 reaches the profile API, every
 * membership change is published once, every restart comes up on the first try, and a graceful stop leaves nothing
 * to recover.
 */
class StandaloneCrashIT {

    private static final Logger log = LoggerFactory.getLogger(StandaloneCrashIT.class);
    private static final String AUDIENCE_TOPIC = "cdp.audience.changes.v1";

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<StandaloneProcess> started = new ArrayList<>();
    private int nextRecord;

    @AfterEach
    void stopWhatIsLeft() throws IOException {
        for (StandaloneProcess standalone : started) {
            standalone.cleanUp();
        }
    }

    private enum KillPoint { AFTER_A_202, MID_BATCH, WHILE_THE_OUTBOX_PUBLISHES }

    /** A batch that got its 202: its id and the names of its accounts. */
    private record Acknowledged(String batchId, Set<String> names) {
    }

    @Test
    void shouldKeepEveryAcknowledgedRecordAndPublishEachMembershipChangeOnceAcrossKillsAtRandomPoints() throws Exception {
        long seed = System.nanoTime();
        log.info("Kill points drawn with seed {}", seed);
        Random random = new Random(seed);
        StandaloneProcess standalone = standalone("kill");
        standalone.start();
        String source = createSource(standalone);
        String segment = createStreamingSegment(standalone);
        Set<String> acknowledged = new HashSet<>();
        List<Acknowledged> batches = new ArrayList<>();

        // every kind of kill point at least once, then random ones: five kills in all
        List<KillPoint> points = new ArrayList<>(List.of(KillPoint.values()));
        while (points.size() < 5) {
            points.add(KillPoint.values()[random.nextInt(KillPoint.values().length)]);
        }
        for (KillPoint point : points) {
            int leading = 1 + random.nextInt(3);
            for (int b = 0; b < leading; b++) {
                batches.add(post(standalone, source, 100 + random.nextInt(200)).orElseThrow());
            }
            switch (point) {
                case AFTER_A_202 -> batches.add(post(standalone, source, 300).orElseThrow());
                case MID_BATCH -> {
                    CompletableFuture<Optional<Acknowledged>> inFlight =
                            CompletableFuture.supplyAsync(() -> post(standalone, source, 3000));
                    // killed while the request reads, validates or publishes its lines
                    await().pollDelay(Duration.ofMillis(20 + random.nextInt(300))).until(() -> true);
                    standalone.kill();
                    inFlight.get(30, TimeUnit.SECONDS).ifPresent(batches::add);
                }
                case WHILE_THE_OUTBOX_PUBLISHES -> {
                    long before = members(standalone, segment);
                    batches.add(post(standalone, source, 1000).orElseThrow());
                    // profile changes are flowing through the outboxes into segmentation, which publishes entries
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                            .until(() -> members(standalone, segment) > before);
                }
            }
            if (standalone.isAlive()) {
                standalone.kill();
            }
            batches.forEach(batch -> acknowledged.addAll(batch.names()));
            log.info("Killed at {} with {} records acknowledged", point, acknowledged.size());
            standalone.start();
        }

        await("every acknowledged record in the profile API").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> missingFromProfiles(standalone, acknowledged), Set::isEmpty);
        Map<String, String> memberIdsByName = await("every account in the segment").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> memberIdsByName(standalone, segment), m -> m.keySet().containsAll(acknowledged));

        Map<String, Set<String>> entries = await("one entry published per member").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> publishedChanges(standalone, segment),
                        changes -> changes.keySet().containsAll(memberIdsByName.values()));
        assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(memberIdsByName.values());
        assertThat(entries.values()).allSatisfy(changes -> assertThat(changes).containsExactly("entered"));
        for (Acknowledged batch : batches) {
            JsonNode status = get(standalone.ingestion() + "/v1/batches/" + batch.batchId());
            assertThat(status.get("status").asString()).isEqualTo("completed");
            await("batch " + batch.batchId() + " applied").atMost(Duration.ofSeconds(30))
                    .until(() -> get(standalone.ingestion() + "/v1/batches/" + batch.batchId()).get("applied").asInt(),
                            applied -> applied == batch.names().size());
        }
        log.info("{} records acknowledged, {} members, {} entries published once each", acknowledged.size(),
                memberIdsByName.size(), entries.size());
    }

    @Test
    void shouldStopOnSigtermSoThatTheNextStartRecoversNothing() throws Exception {
        StandaloneProcess standalone = standalone("term");
        Duration firstStart = standalone.start();
        String source = createSource(standalone);
        Set<String> acknowledged = new HashSet<>();
        for (int b = 0; b < 3; b++) {
            acknowledged.addAll(post(standalone, source, 1000).orElseThrow().names());
        }

        standalone.stop();

        Path postgres = standalone.dataDirectory.resolve("postgres");
        assertThat(postgres.resolve("postmaster.pid")).doesNotExist();
        assertThat(standalone.dataDirectory.resolve("kafka").resolve(".kafka_cleanshutdown")).exists();
        assertThat(standalone.output()).contains("Tributary stopped");
        long logBefore = postgresLog(postgres).length();

        Duration secondStart = standalone.start();

        String startLog = postgresLog(postgres).substring((int) logBefore);
        assertThat(startLog).contains("database system was shut down")
                .doesNotContain("database system was interrupted").doesNotContain("redo starts")
                .doesNotContain("not properly shut down");
        assertThat(standalone.output()).doesNotContain("left by a previous run");
        // the first start also created the cluster, the broker's log and every schema: a restart takes no longer
        assertThat(secondStart).isLessThan(firstStart.multipliedBy(3).dividedBy(2).plusSeconds(10));
        await("every acknowledged record in the profile API").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> missingFromProfiles(standalone, acknowledged), Set::isEmpty);
        log.info("first start {} ms, start after SIGTERM {} ms", firstStart.toMillis(), secondStart.toMillis());
    }

    private StandaloneProcess standalone(String name) throws IOException {
        // the processes' logs stay in target/ for a failed run's report
        StandaloneProcess standalone = new StandaloneProcess(temp.resolve(name),
                Files.createDirectories(Path.of("target", "standalone-crash-logs", name)));
        started.add(standalone);
        return standalone;
    }

    private static String postgresLog(Path postgres) throws IOException {
        try (Stream<Path> files = Files.list(postgres.resolve("log"))) {
            return files.sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining());
        }
    }

    private String createSource(StandaloneProcess standalone) throws Exception {
        return send(standalone.ingestion() + "/v1/sources", "application/json",
                "{\"name\":\"Crash CRM\",\"type\":\"file\",\"instanceId\":\"crm-9\"}", 201).get("id").asString();
    }

    private String createStreamingSegment(StandaloneProcess standalone) throws Exception {
        return send(standalone.segmentation() + "/v1/segments", "application/json", """
                {"name":"crash accounts","audience":"account","query":"name startsWith \\"Crash \\"","evaluation":"streaming"}""",
                201).get("id").asString();
    }

    /** Posts {@code count} new accounts; the batch, if it got its 202. */
    private Optional<Acknowledged> post(StandaloneProcess standalone, String source, int count) {
        int first = nextRecord;
        nextRecord += count;
        String body = IntStream.range(first, first + count)
                .mapToObj(i -> "{\"class\":\"account\",\"data\":{\"accountKey\":\"C" + i + "@crm-9.Salesforce\","
                        + "\"accountName\":\"Crash " + i + "\",\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"2026-11-01T10:00:00Z\"}}}")
                .collect(Collectors.joining("\n"));
        try {
            JsonNode response = send(standalone.ingestion() + "/v1/sources/" + source + "/records", "application/x-ndjson",
                    body, 202);
            assertThat(response.get("accepted").asInt()).isEqualTo(count);
            return Optional.of(new Acknowledged(response.get("batchId").asString(),
                    IntStream.range(first, first + count).mapToObj(i -> "Crash " + i).collect(Collectors.toSet())));
        } catch (IOException e) {
            // the process died before it answered: nothing was promised
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The names whose account the profile API does not know yet, asked sixteen at a time. */
    private Set<String> missingFromProfiles(StandaloneProcess standalone, Set<String> names) {
        Set<String> missing = new HashSet<>();
        List<String> all = List.copyOf(names);
        for (int from = 0; from < all.size(); from += 16) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 16));
            List<CompletableFuture<HttpResponse<Void>>> answers = chunk.stream()
                    .map(name -> http.sendAsync(request(standalone.profile() + "/v1/accounts?identity=b2b_account:C"
                            + name.substring("Crash ".length()) + "@crm-9.Salesforce").build(),
                            HttpResponse.BodyHandlers.discarding()))
                    .toList();
            for (int i = 0; i < chunk.size(); i++) {
                if (answers.get(i).join().statusCode() != 200) {
                    missing.add(chunk.get(i));
                }
            }
        }
        log.info("{} of {} acknowledged records not yet in the profile API", missing.size(), names.size());
        return missing;
    }

    private long members(StandaloneProcess standalone, String segment) throws Exception {
        return get(standalone.segmentation() + "/v1/segments/" + segment + "/members?limit=1").get("total").asLong();
    }

    private Map<String, String> memberIdsByName(StandaloneProcess standalone, String segment) throws Exception {
        Map<String, String> members = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = get(standalone.segmentation() + "/v1/segments/" + segment + "/members?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode item : page.get("items")) {
                members.put(item.get("name").asString(), item.get("id").asString());
            }
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return members;
    }

    /** Every membership change of the segment on the audience topic, by entity, deduplicated by message id. */
    private Map<String, Set<String>> publishedChanges(StandaloneProcess standalone, String segment) {
        Map<String, List<String>> changes = new HashMap<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, standalone.kafka(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(AUDIENCE_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode envelope = XdmJson.mapper().readTree(record.value());
                    JsonNode payload = envelope.get("payload");
                    if (seen.add(envelope.get("id").asString()) && payload.get("segmentId").asString().equals(segment)) {
                        changes.computeIfAbsent(payload.get("entityId").asString(), id -> new ArrayList<>())
                                .add(payload.get("change").asString());
                    }
                }
            }
        }
        // a change published twice under two message ids would show as two entries here
        Map<String, Set<String>> result = new HashMap<>();
        changes.forEach((entity, list) -> {
            assertThat(list).as("changes of %s", entity).hasSize(1);
            result.put(entity, Set.copyOf(list));
        });
        return result;
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(request(url).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return XdmJson.mapper().readTree(response.body());
    }

    private JsonNode send(String url, String contentType, String body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(url).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", url, response.body()).isEqualTo(expected);
        return XdmJson.mapper().readTree(response.body());
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + StandaloneProcess.TOKEN);
    }
}
