package dev.tributary.activation.delivery;

import dev.tributary.activation.ActivationFixtures;
import dev.tributary.activation.ActivationFixtures.Answer;
import dev.tributary.activation.ActivationIntegrationTest;
import dev.tributary.activation.TestUpstreams;
import dev.tributary.embedded.SharedInfrastructure;
import dev.tributary.emulators.marketo.MarketoHandle;
import dev.tributary.xdm.json.XdmJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Activations into the Marketo emulator over real HTTP, with membership changes on the real Kafka topic in
 * segmentation's envelope and people in profile-service's tables, read through profile_read.
 */
@ActivationIntegrationTest
class MarketoActivationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeliveryWorker worker;

    ActivationFixtures api;
    MarketoHandle marketo;
    String segmentId;
    String listName;

    @BeforeEach
    void setUp() {
        api = new ActivationFixtures(port, jdbc);
        String munchkin = "MKT-" + UUID.randomUUID().toString().substring(0, 8);
        marketo = TestUpstreams.emulators().addMarketoInstance(munchkin, "client-" + munchkin, "secret-" + UUID.randomUUID());
        segmentId = "seg_" + UUID.randomUUID().toString().replace("-", "");
        listName = "Tributary " + segmentId;
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private String destination(boolean createMissingPersons) {
        return api.marketoDestination(marketo.baseUrl(), marketo.munchkinId(), marketo.clientId(), marketo.clientSecret(),
                createMissingPersons);
    }

    private String activate(String destinationId) {
        Answer created = api.call("POST", "/v1/activations",
                Map.of("segmentId", segmentId, "destinationId", destinationId, "listName", listName));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asString();
    }

    private void members(Map<String, Instant> members) {
        TestUpstreams.segmentation().members(segmentId, "person", members);
    }

    private List<String> listEmails() {
        return marketo.memberEmails(listName);
    }

    private JsonNode activation(String id) {
        return api.call("GET", "/v1/activations/" + id, null).body();
    }

    @Test
    void shouldBackfillTheSegmentThenFollowItsChangesIntoTheStaticList() {
        Instant entered = Instant.now().minusSeconds(3600);
        long leadA = marketo.seedLead(Map.of("email", "a.marketo@acme.test"));
        marketo.seedLead(Map.of("email", "b@acme.test"));
        long leadD = marketo.seedLead(Map.of("email", "d@acme.test"));
        long leadE = marketo.seedLead(Map.of("email", "e@acme.test"));
        // a: by the person's own Marketo source key (its profile email differs); b: by email; c: created; d: no consent
        String a = api.person("a@acme.test", "y", leadA, marketo.munchkinId());
        String b = api.person("b@acme.test", null, null, null);
        String c = api.person("c@acme.test", "y", null, null);
        String d = api.person("d@acme.test", "n", leadD, marketo.munchkinId());
        String e = api.person("e@acme.test", null, leadE, marketo.munchkinId());
        members(Map.of(a, entered, b, entered, c, entered, d, entered));

        String id = activate(destination(true));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listEmails())
                .containsExactlyInAnyOrder("a.marketo@acme.test", "b@acme.test", "c@acme.test"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode counts = activation(id).get("counts");
            assertThat(counts.get("delivered").asLong()).isEqualTo(3);
            assertThat(counts.get("held").asLong()).isEqualTo(1);
            assertThat(counts.get("heldReasons").get(0).get("reason").asString()).isEqualTo(NotSent.CONSENT_WITHDRAWN);
        });
        assertThat(activation(id).get("status").asString()).isEqualTo("active");
        assertThat(marketo.leads()).filteredOn(l -> "c@acme.test".equals(l.get("email"))).hasSize(1);

        Instant exit = Instant.now();
        api.membershipChanged(segmentId, b, "exited", exit);
        api.membershipChanged(segmentId, e, "entered", exit);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listEmails())
                .containsExactlyInAnyOrder("a.marketo@acme.test", "c@acme.test", "e@acme.test"));

        // at-least-once: a redelivered exit and an older entry change nothing
        api.membershipChanged(segmentId, b, "exited", exit);
        api.membershipChanged(segmentId, b, "entered", exit.minusSeconds(10));
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).untilAsserted(() -> assertThat(listEmails())
                .containsExactlyInAnyOrder("a.marketo@acme.test", "c@acme.test", "e@acme.test"));
        assertThat(marketo.leads()).filteredOn(l -> "c@acme.test".equals(l.get("email"))).hasSize(1);
        assertThat(marketo.stats().violationCount()).isZero();

        JsonNode deliveries = api.call("GET", "/v1/activations/" + id + "/deliveries", null).body().get("items");
        assertThat(deliveries.size()).isGreaterThanOrEqualTo(2);
        assertThat(deliveries.get(deliveries.size() - 1).get("kind").asString()).isEqualTo("backfill");
        assertThat(deliveries.get(deliveries.size() - 1).get("added").asInt()).isEqualTo(3);
    }

    @Test
    void shouldEndWithExactlyTheAudienceAfterATokenExpiryAndA606BurstMidRun() {
        Instant entered = Instant.now().minusSeconds(3600);
        List<String> people = new ArrayList<>();
        Map<String, String> emails = new HashMap<>();
        for (int i = 0; i < 700; i++) {
            String email = "p" + i + "@burst.test";
            long lead = marketo.seedLead(Map.of("email", email));
            String person = api.person(email, "y", lead, marketo.munchkinId());
            people.add(person);
            emails.put(person, email);
        }
        Map<String, Instant> first = new LinkedHashMap<>();
        people.subList(0, 400).forEach(p -> first.put(p, entered));
        members(first);
        String id = activate(destination(false));
        await().atMost(PATIENCE).until(() -> listEmails().size() == 400);

        marketo.expireTokens();
        marketo.failNext(6, "606");
        Instant now = Instant.now();
        people.subList(0, 100).forEach(p -> api.membershipChanged(segmentId, p, "exited", now));
        people.subList(400, 700).forEach(p -> api.membershipChanged(segmentId, p, "entered", now));

        List<String> expected = people.subList(100, 700).stream().map(emails::get).toList();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listEmails()).containsExactlyInAnyOrderElementsOf(expected));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode counts = activation(id).get("counts");
            assertThat(counts.get("delivered").asLong()).isEqualTo(600);
            assertThat(counts.get("pending").asLong()).isZero();
            assertThat(counts.get("failed").asLong()).isZero();
        });
        assertThat(marketo.stats().injected()).containsKey("606");
        assertThat(marketo.stats().violationCount()).isZero();
    }

    @Test
    void shouldEndWithExactlyTheAudienceThroughBurstsOf615And5xxAndACallThatTimesOut() {
        Instant entered = Instant.now().minusSeconds(3600);
        List<String> people = new ArrayList<>();
        Map<String, String> emails = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String email = "p" + i + "@faults.test";
            long lead = marketo.seedLead(Map.of("email", email));
            String person = api.person(email, "y", lead, marketo.munchkinId());
            people.add(person);
            emails.put(person, email);
        }
        Map<String, Instant> first = new LinkedHashMap<>();
        people.subList(0, 200).forEach(p -> first.put(p, entered));
        members(first);
        String id = activate(destination(false));
        await().atMost(PATIENCE).until(() -> listEmails().size() == 200);

        // the test context's request timeout is 3 s: the delayed call is abandoned and sent again
        marketo.failNext(3, "615");
        marketo.failNextWithStatus(2, 503);
        marketo.delayNext(1, Duration.ofSeconds(4));
        Instant now = Instant.now();
        people.subList(0, 50).forEach(p -> api.membershipChanged(segmentId, p, "exited", now));
        people.subList(200, 300).forEach(p -> api.membershipChanged(segmentId, p, "entered", now));

        List<String> expected = people.subList(50, 300).stream().map(emails::get).toList();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listEmails()).containsExactlyInAnyOrderElementsOf(expected));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode counts = activation(id).get("counts");
            assertThat(counts.get("delivered").asLong()).isEqualTo(250);
            assertThat(counts.get("pending").asLong()).isZero();
            assertThat(counts.get("failed").asLong()).isZero();
        });
        assertThat(marketo.stats().injected()).containsKeys("615", "http503", "delay");
        assertThat(marketo.stats().violationCount()).isZero();
    }

    @Test
    void shouldKeepRecordLevelFailuresWithTheirReasonsAndRetryThemOnReconcile() {
        Instant entered = Instant.now().minusSeconds(60);
        String unknownToMarketo = api.person("nobody@acme.test", "y", null, null);
        String noEmail = api.person(null, "y", null, null);
        String gone = "per_not_in_profiles_" + UUID.randomUUID();
        long lead = marketo.seedLead(Map.of("email", "ok@acme.test"));
        String ok = api.person("ok@acme.test", "y", null, null);
        members(Map.of(unknownToMarketo, entered, noEmail, entered, gone, entered, ok, entered));

        String id = activate(destination(false));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode counts = activation(id).get("counts");
            assertThat(counts.get("delivered").asLong()).isEqualTo(1);
            assertThat(counts.get("failed").asLong()).isEqualTo(3);
            assertThat(counts.get("failedReasons").findValuesAsString("reason")).containsExactlyInAnyOrder(
                    "no Marketo lead with this email in " + marketo.munchkinId() + " (createMissingPersons is off)",
                    MarketoDelivery.NO_EMAIL, NotSent.NOT_IN_PROFILES);
        });
        assertThat(listEmails()).containsExactly("ok@acme.test");
        assertThat(marketo.leads()).hasSize(1).allSatisfy(l -> assertThat(l.get("id")).isEqualTo(lead));

        // the lead appears in Marketo later: a reconcile tries the failed rows again
        marketo.seedLead(Map.of("email", "nobody@acme.test"));
        assertThat(api.call("POST", "/v1/activations/" + id + "/reconcile", null).status()).isEqualTo(202);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listEmails())
                .containsExactlyInAnyOrder("ok@acme.test", "nobody@acme.test"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(activation(id).get("counts").get("failed").asLong()).isEqualTo(2));
    }

    @Test
    void shouldReportBadCredentialsInTheStatusAndDeliverOnceTheyAreFixed() {
        long lead = marketo.seedLead(Map.of("email", "fix@acme.test"));
        members(Map.of(api.person("fix@acme.test", "y", lead, marketo.munchkinId()), Instant.now().minusSeconds(60)));
        String destination = api.marketoDestination(marketo.baseUrl(), marketo.munchkinId(), marketo.clientId(),
                "wrong-secret", false);

        String id = activate(destination);

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(activation(id).get("lastError").asString("")).contains("refused the client id and secret"));
        assertThat(activation(id).get("counts").get("delivered").asLong()).isZero();

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("baseUrl", marketo.baseUrl());
        config.put("munchkinId", marketo.munchkinId());
        config.put("clientId", marketo.clientId());
        config.put("clientSecret", marketo.clientSecret());
        assertThat(api.call("PUT", "/v1/destinations/" + destination,
                Map.of("name", "fixed", "type", "marketo-static-list", "config", config)).status()).isEqualTo(200);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listEmails()).containsExactly("fix@acme.test"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(activation(id).get("lastError")).isNull());
    }

    @Test
    void shouldReconcileTheListWithTheLedgerAndClearItWhenStopped() throws Exception {
        Instant entered = Instant.now().minusSeconds(60);
        long leadA = marketo.seedLead(Map.of("email", "ra@acme.test"));
        long leadB = marketo.seedLead(Map.of("email", "rb@acme.test"));
        long stranger = marketo.seedLead(Map.of("email", "stranger@acme.test"));
        members(Map.of(api.person("ra@acme.test", "y", leadA, marketo.munchkinId()), entered,
                api.person("rb@acme.test", "y", leadB, marketo.munchkinId()), entered));
        String id = activate(destination(false));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listEmails()).containsExactlyInAnyOrder("ra@acme.test", "rb@acme.test"));

        // someone edits the list in Marketo: removes a member, adds a stranger
        long listId = Long.parseLong(activation(id).get("listId").asString());
        editList("DELETE", listId, leadA);
        editList("POST", listId, stranger);
        assertThat(listEmails()).containsExactlyInAnyOrder("rb@acme.test", "stranger@acme.test");

        assertThat(api.call("POST", "/v1/activations/" + id + "/reconcile", null).status()).isEqualTo(202);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listEmails()).containsExactlyInAnyOrder("ra@acme.test", "rb@acme.test"));

        Answer stopped = api.call("DELETE", "/v1/activations/" + id + "?clear=true", null);
        assertThat(stopped.status()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(listEmails()).isEmpty();
            assertThat(activation(id).get("status").asString()).isEqualTo("stopped");
        });
        // a stopped activation follows nothing
        api.membershipChanged(segmentId, api.person("late@acme.test", "y", marketo.seedLead(Map.of("email", "late@acme.test")),
                marketo.munchkinId()), "entered", Instant.now());
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).untilAsserted(() -> assertThat(listEmails()).isEmpty());
    }

    @Test
    void shouldDeliverExactlyTheAudienceWhenTheWorkerStopsMidCallAndStartsAgain() {
        Instant entered = Instant.now().minusSeconds(3600);
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            String email = "r" + i + "@restart.test";
            people.add(api.person(email, "y", marketo.seedLead(Map.of("email", email)), marketo.munchkinId()));
        }
        Map<String, Instant> first = new LinkedHashMap<>();
        people.subList(0, 300).forEach(p -> first.put(p, entered));
        members(first);
        String id = activate(destination(false));
        await().atMost(PATIENCE).until(() -> listEmails().size() == 300);

        // the next call is held by Marketo; the worker stops while waiting for it, and Marketo then answers it
        TestUpstreams.emulators().pause();
        try {
            Instant now = Instant.now();
            people.subList(300, 900).forEach(p -> api.membershipChanged(segmentId, p, "entered", now));
            await().atMost(PATIENCE).until(() -> TestUpstreams.emulators().heldCalls() > 0);
            worker.stop();
        } finally {
            TestUpstreams.emulators().resume();
        }
        assertThat(activation(id).get("counts").get("pending").asLong()).isPositive();

        worker.start();

        await().atMost(PATIENCE).until(() -> listEmails().size() == 900);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode counts = activation(id).get("counts");
            assertThat(counts.get("delivered").asLong()).isEqualTo(900);
            assertThat(counts.get("pending").asLong()).isZero();
        });
        assertThat(marketo.stats().violationCount()).isZero();
    }

    @Test
    void shouldDeadLetterAnUnreadableChangeAndStillApplyTheValidOnesAroundIt() {
        long lead = marketo.seedLead(Map.of("email", "valid@acme.test"));
        String valid = api.person("valid@acme.test", "y", lead, marketo.munchkinId());
        members(Map.of());
        String id = activate(destination(false));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(activation(id).get("status").asString()).isEqualTo("active"));

        try (KafkaConsumer<String, String> dlq = deadLetters()) {
            api.rawAudienceMessage(segmentId + ":broken", "{not json");
            api.rawAudienceMessage(segmentId + ":nochange", "{\"id\":\"x\",\"type\":\"audience.membership.changed\","
                    + "\"payload\":{\"segmentId\":\"" + segmentId + "\",\"entityId\":\"p\"}}");
            api.membershipChanged(segmentId, valid, "entered", Instant.now());

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(listEmails()).containsExactly("valid@acme.test"));
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(PATIENCE).untilAsserted(() -> {
                dlq.poll(Duration.ofMillis(200)).forEach(dead::add);
                assertThat(dead).extracting(ConsumerRecord::key)
                        .contains(segmentId + ":broken", segmentId + ":nochange");
            });
            assertThat(dead).filteredOn(r -> r.key().startsWith(segmentId))
                    .allSatisfy(r -> assertThat(r.headers().lastHeader("cdp-dlq-reason")).isNotNull());
        }
    }

    private static KafkaConsumer<String, String> deadLetters() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor("cdp.ingest.dlq.v1").stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    @Test
    void shouldUseATokenNearItsExpiryWithoutAskingIdentityAtEveryCall() throws Exception {
        // Identity hands out its current token until it expires: one issued an hour ago has 63 s left
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(marketo.baseUrl() + "/identity/oauth/token?grant_type=client_credentials"
                + "&client_id=" + marketo.clientId() + "&client_secret=" + marketo.clientSecret())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        TestUpstreams.emulators().advanceClock(Duration.ofSeconds(3600 - 63));
        members(Map.of());
        activate(destination(false));

        for (int i = 0; i < 8; i++) {
            String email = "t" + i + "@token.test";
            api.membershipChanged(segmentId, api.person(email, "y", marketo.seedLead(Map.of("email", email)),
                    marketo.munchkinId()), "entered", Instant.now());
            // spread over more than the 3 s after which a renewal is due: asking again at every call would show
            await().pollDelay(Duration.ofMillis(600)).atMost(PATIENCE).until(() -> listEmails().contains(email));
        }

        assertThat(listEmails()).hasSize(8);
        // the test's own, the service's first, and its one renewal attempt 60 s before expiry, which got the same token
        assertThat(marketo.stats().tokenCalls()).isEqualTo(3);
    }

    @Test
    void shouldRefuseAnActivationOfAnUnknownSegmentOrDestination() {
        Answer refused = api.call("POST", "/v1/activations",
                Map.of("segmentId", "seg_unknown", "destinationId", UUID.randomUUID().toString(), "listName", "x"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("segmentId", "destinationId");
        members(Map.of());
        Answer noList = api.call("POST", "/v1/activations", Map.of("segmentId", segmentId, "destinationId", destination(false)));
        assertThat(noList.body().get("errors").findValuesAsString("field")).containsExactly("listName");
        assertThat(api.call("GET", "/v1/activations/" + UUID.randomUUID(), null).status()).isEqualTo(404);
    }

    /** Changes the list the way a Marketo user's integration would, through the emulator's REST API. */
    private void editList(String method, long listId, long leadId) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = XdmJson.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(marketo.baseUrl()
                        + "/identity/oauth/token?grant_type=client_credentials&client_id=" + marketo.clientId()
                        + "&client_secret=" + marketo.clientSecret())).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(marketo.baseUrl() + "/rest/v1/lists/"
                        + listId + "/leads.json?id=" + leadId)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("\"success\":true");
    }
}
