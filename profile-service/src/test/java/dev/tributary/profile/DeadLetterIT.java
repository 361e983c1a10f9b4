package dev.tributary.profile;

import dev.tributary.profile.ProfileFixtures.Line;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.messaging.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What profile-service cannot apply goes to its dead-letter store, and the rest of the partition moves on. */
@ProfileIntegrationTest
class DeadLetterIT {

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void shouldDeadLetterTheRecordPostgresRefusesApplyTheRestAndReplayItOnceFixed() throws Exception {
        String poisoned = "Poisoned " + suffix;
        String key = "A-" + suffix + "@crm-7.Salesforce";
        // the refused version is the newer one, so its replay shows in the profile
        Line refused = account(key, poisoned, "2026-11-02T00:00:00Z");
        Line olderBehindIt = account(key, "Before " + suffix, "2026-11-01T00:00:00Z");
        Line other = account("B-" + suffix + "@crm-7.Salesforce", "Other " + suffix, "2026-11-01T00:00:00Z");
        long deadLetterId;
        refuse("fragment", "NEW.data::text LIKE '%" + poisoned + "%'");
        try {
            ProfileFixtures.publish(kafka, List.of(refused, olderBehindIt, other));

            // behind it on its partition (same key) and elsewhere, the records apply
            await().atMost(Duration.ofSeconds(30)).until(() -> getOrNull("/v1/accounts?identity=" + encode("b2b_account:" + key)),
                    a -> a != null && a.get("attributes").get("name").get("value").asString().equals("Before " + suffix));
            assertThat(getOrNull("/v1/accounts?identity=" + encode("b2b_account:" + other.key()))).isNotNull();

            JsonNode letter = awaitDeadLetter(key);
            deadLetterId = letter.get("id").asLong();
            assertThat(letter.get("topic").asString()).isEqualTo(Topics.XDM_RECORDS.name());
            assertThat(letter.get("status").asString()).isEqualTo("open");
            assertThat(letter.get("attempts").asInt()).isEqualTo(1);
            assertThat(letter.get("reason").asString()).startsWith("SQLSTATE P0001").contains("refused by the test");
            JsonNode stored = getOrNull("/v1/dead-letters/" + deadLetterId);
            assertThat(XdmJson.mapper().readTree(stored.get("value").asString()).get("payload").get("data")
                    .get("accountName").asString()).isEqualTo(poisoned);
            assertThat(stored.get("offset").asLong()).isNotNegative();

            // while PostgreSQL still refuses it, a replay answers the new reason and the letter stays open
            HttpResponse<String> failedAgain = post("/v1/dead-letters/" + deadLetterId + "/replay");
            assertThat(failedAgain.statusCode()).isEqualTo(422);
            assertThat(failedAgain.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
            assertThat(XdmJson.mapper().readTree(failedAgain.body()).get("detail").asString()).contains("SQLSTATE P0001");
            JsonNode stillOpen = getOrNull("/v1/dead-letters/" + deadLetterId);
            assertThat(stillOpen.get("status").asString()).isEqualTo("open");
            assertThat(stillOpen.get("attempts").asInt()).isEqualTo(2);
        } finally {
            allow("fragment");
        }

        HttpResponse<String> replayed = post("/v1/dead-letters/" + deadLetterId + "/replay");
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        JsonNode answer = XdmJson.mapper().readTree(replayed.body());
        assertThat(answer.get("status").asString()).isEqualTo("replayed");
        assertThat(answer.get("replayedAt")).isNotNull();
        JsonNode account = getOrNull("/v1/accounts?identity=" + encode("b2b_account:" + key));
        assertThat(account.get("attributes").get("name").get("value").asString()).isEqualTo(poisoned);

        assertThat(post("/v1/dead-letters/" + deadLetterId + "/replay").statusCode()).isEqualTo(409);
        assertThat(ids(getOrNull("/v1/dead-letters?status=replayed&limit=500"))).contains(deadLetterId);
        assertThat(ids(getOrNull("/v1/dead-letters?status=open&limit=500"))).doesNotContain(deadLetterId);
    }

    @Test
    void shouldDeadLetterAnAccountNameHoldingANulCharacterAndApplyTheRecordsBehindIt() throws Exception {
        // PostgreSQL's jsonb and text refuse U+0000, whatever ingestion lets through
        Line nul = account("N-" + suffix + "@crm-7.Salesforce", "NUL-HERE", "2026-11-01T00:00:00Z");
        Line behind = account("M-" + suffix + "@crm-7.Salesforce", "Behind " + suffix, "2026-11-01T00:00:00Z");
        kafka.send(Topics.XDM_RECORDS.name(), nul.key(), ProfileFixtures.envelope(nul).replace("NUL-HERE", "Acme\\u0000 " + suffix));
        ProfileFixtures.publish(kafka, List.of(behind));

        await().atMost(Duration.ofSeconds(30)).until(() -> getOrNull("/v1/accounts?identity=" + encode("b2b_account:" + behind.key())),
                Objects::nonNull);
        JsonNode letter = awaitDeadLetter(nul.key());
        assertThat(letter.get("reason").asString()).startsWith("SQLSTATE 22P05");
        assertThat(getOrNull("/v1/accounts?identity=" + encode("b2b_account:" + nul.key()))).isNull();
        // a replay cannot cure it: the value has to be fixed at its source
        assertThat(post("/v1/dead-letters/" + letter.get("id").asLong() + "/replay").statusCode()).isEqualTo(422);
    }

    @Test
    void shouldDeadLetterTheEventPostgresRefusesApplyTheOthersAndReplayItOnceFixed() throws Exception {
        String personKey = "P-" + suffix + "@mkto-9.Marketo";
        ProfileFixtures.publish(kafka, List.of(person(personKey)));
        String personId = await().atMost(Duration.ofSeconds(30))
                .until(() -> getOrNull("/v1/persons?identity=" + encode("b2b_person:" + personKey)), Objects::nonNull)
                .get("id").asString();
        String refusedId = "evt-refused-" + suffix;
        Instant at = Instant.now().minus(1, ChronoUnit.DAYS);
        long deadLetterId;
        refuse("experience_event", "NEW.event_id = '" + refusedId + "'");
        try {
            ProfileFixtures.publishPageView(kafka, refusedId, personKey, at, "https://bodea.com/refused");
            ProfileFixtures.publishPageView(kafka, "evt-after-" + suffix, personKey, at.plusSeconds(1), "https://bodea.com/after");

            await().atMost(Duration.ofSeconds(30)).until(() -> getOrNull("/v1/persons/" + personId + "/events"),
                    e -> e != null && e.get("items").size() == 1);
            JsonNode letter = awaitDeadLetter(personKey);
            deadLetterId = letter.get("id").asLong();
            assertThat(letter.get("topic").asString()).isEqualTo(Topics.XDM_EVENTS.name());
            assertThat(getOrNull("/v1/dead-letters/" + deadLetterId).get("value").asString()).contains(refusedId);
            assertThat(post("/v1/dead-letters/" + deadLetterId + "/replay").statusCode()).isEqualTo(422);
        } finally {
            allow("experience_event");
        }

        assertThat(post("/v1/dead-letters/" + deadLetterId + "/replay").statusCode()).isEqualTo(200);
        JsonNode events = getOrNull("/v1/persons/" + personId + "/events");
        assertThat(events.get("items").valueStream().map(e -> e.get("url").asString()))
                .containsExactly("https://bodea.com/after", "https://bodea.com/refused");
    }

    @Test
    void shouldKeepAnUnreadableMessageInTheSameStore() throws Exception {
        String key = "garbage-" + suffix;
        kafka.send(Topics.XDM_RECORDS.name(), key, "{\"not\": \"an envelope\"").join();

        JsonNode letter = awaitDeadLetter(key);
        assertThat(letter.get("reason").asString()).startsWith("unreadable: ");
        assertThat(getOrNull("/v1/dead-letters/" + letter.get("id").asLong()).get("value").asString())
                .isEqualTo("{\"not\": \"an envelope\"");
        // a replay reads it the same way, and fails the same way
        HttpResponse<String> replay = post("/v1/dead-letters/" + letter.get("id").asLong() + "/replay");
        assertThat(replay.statusCode()).isEqualTo(422);
        assertThat(XdmJson.mapper().readTree(replay.body()).get("detail").asString()).contains("unreadable");
    }

    @Test
    void shouldRetryARecordWhoseConnectionIsKilledInsteadOfDeadLetteringIt() throws Exception {
        Line alone = account("K-" + suffix + "@crm-7.Salesforce", "Killed " + suffix, "2026-11-01T00:00:00Z");
        try (Connection blocker = dataSource.getConnection()) {
            // while this transaction holds the table, the record's batch (of one) waits at its fragment write
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("LOCK TABLE profile.fragment IN EXCLUSIVE MODE");
            }
            try {
                ProfileFixtures.publish(kafka, List.of(alone));
                int killed = awaitBackendWaitingForFragments(-1);
                assertThat(jdbc.sql("SELECT pg_terminate_backend(?)").param(killed).query(Boolean.class).single()).isTrue();
                // tried again on another connection: a message that failed alone for a lost connection is not dead-lettered
                awaitBackendWaitingForFragments(killed);
            } finally {
                blocker.rollback();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> getOrNull("/v1/accounts?identity=" + encode("b2b_account:" + alone.key())),
                Objects::nonNull);
        assertThat(jdbc.sql("SELECT count(*) FROM profile.dead_letter WHERE message_key = ?").param(alone.key())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void shouldCountOpenDeadLettersAndRefuseAnUnknownStatusOrId() throws Exception {
        kafka.send(Topics.XDM_RECORDS.name(), "garbage-" + suffix, "not json").join();
        awaitDeadLetter("garbage-" + suffix);

        JsonNode open = getOrNull("/v1/dead-letters?status=open&limit=1");
        assertThat(open.get("items")).hasSize(1);
        assertThat(open.get("total").asLong()).isEqualTo(
                jdbc.sql("SELECT count(*) FROM profile.dead_letter WHERE status = 'open'").query(Long.class).single());
        // newest first
        assertThat(open.get("items").get(0).get("key").asString()).isEqualTo("garbage-" + suffix);

        HttpResponse<String> badStatus = get("/v1/dead-letters?status=lost");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(XdmJson.mapper().readTree(badStatus.body()).get("errors").get(0).get("field").asString()).isEqualTo("status");
        assertThat(get("/v1/dead-letters/999999999").statusCode()).isEqualTo(404);
        assertThat(post("/v1/dead-letters/999999999/replay").statusCode()).isEqualTo(404);
    }

    /** A test-only trigger that makes PostgreSQL refuse rows of {@code table} matching {@code condition}. */
    private void refuse(String table, String condition) {
        jdbc.sql("""
                CREATE FUNCTION profile.test_refuse_%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF %2$s THEN
                        RAISE EXCEPTION 'row refused by the test';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(table, condition)).update();
        jdbc.sql("""
                CREATE TRIGGER test_refuse BEFORE INSERT OR UPDATE ON profile.%1$s
                FOR EACH ROW EXECUTE FUNCTION profile.test_refuse_%1$s()""".formatted(table)).update();
    }

    private void allow(String table) {
        jdbc.sql("DROP TRIGGER IF EXISTS test_refuse ON profile." + table).update();
        jdbc.sql("DROP FUNCTION IF EXISTS profile.test_refuse_" + table + "()").update();
    }

    /** The newest open dead letter with this message key, from the list. */
    private JsonNode awaitDeadLetter(String key) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode page = getOrNull("/v1/dead-letters?status=open&limit=500");
            return page == null ? null : page.get("items").valueStream()
                    .filter(l -> key.equals(l.path("key").asString(null))).findFirst().orElse(null);
        }, Objects::nonNull);
    }

    private int awaitBackendWaitingForFragments(int not) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                        SELECT pid FROM pg_stat_activity
                        WHERE application_name = 'profile-service' AND wait_event = 'relation' AND pid <> ?""")
                .param(not).query(Integer.class).optional().orElse(null), Objects::nonNull);
    }

    private static Line account(String key, String name, String lastUpdated) {
        ObjectNode data = XdmJson.mapper().createObjectNode();
        data.put("accountKey", key);
        data.put("accountName", name);
        data.putObject("extSourceSystemAudit").put("lastUpdatedDate", lastUpdated);
        return new Line("account", data);
    }

    private Line person(String key) {
        ObjectNode data = XdmJson.mapper().createObjectNode();
        data.put("personKey", key);
        data.putObject("workEmail").put("address", "dl-" + suffix + "@bodea.com");
        data.putObject("extSourceSystemAudit").put("lastUpdatedDate", "2026-10-01T00:00:00Z");
        return new Line("person", data);
    }

    private static List<Long> ids(JsonNode page) {
        return page.get("items").valueStream().map(l -> l.get("id").asLong()).toList();
    }

    private JsonNode getOrNull(String path) throws Exception {
        HttpResponse<String> response = get(path);
        return response.statusCode() == 200 ? XdmJson.mapper().readTree(response.body()) : null;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer test-token");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
