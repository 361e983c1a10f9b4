package dev.tributary.activation;

import dev.tributary.embedded.SharedInfrastructure;
import dev.tributary.xdm.json.XdmJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The service's API over HTTP, people written where profile-service writes them, and membership changes on Kafka. */
public final class ActivationFixtures implements AutoCloseable {

    public record Answer(int status, JsonNode body, String raw) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final JdbcClient jdbc;
    private final KafkaProducer<String, String> producer;

    public ActivationFixtures(int port, JdbcClient jdbc) {
        this.base = "http://localhost:" + port;
        this.jdbc = jdbc;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    public Answer call(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + TestUpstreams.TOKEN).header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : XdmJson.mapper().writeValueAsString(body)));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : XdmJson.mapper().readTree(response.body());
            return new Answer(response.statusCode(), json, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Marketo destination for one emulated instance; returns its id. */
    public String marketoDestination(String baseUrl, String munchkinId, String clientId, String clientSecret,
                                     boolean createMissingPersons) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("baseUrl", baseUrl);
        config.put("munchkinId", munchkinId);
        config.put("clientId", clientId);
        config.put("clientSecret", clientSecret);
        config.put("createMissingPersons", createMissingPersons);
        Answer answer = call("POST", "/v1/destinations",
                Map.of("name", "Marketo " + munchkinId, "type", "marketo-static-list", "config", config));
        if (answer.status() != 201) {
            throw new IllegalStateException("destination not created: " + answer.raw());
        }
        return answer.body().get("id").asString();
    }

    /**
     * A unified person as profile-service stores it, visible through {@code profile_read.person}; with a Marketo lead
     * id, also the person's own Marketo record in that instance ({@code profile_read.source_fragment}).
     */
    public String person(String email, String consent, Long marketoLeadId, String munchkinId) {
        String id = "per_" + UUID.randomUUID().toString().replace("-", "");
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO profile.unified_profile (id, entity_type, anchor_key, created_at, updated_at) VALUES (?, 'person', ?, ?, ?)")
                .params(id, id + "@test.Anchor", now, now).update();
        jdbc.sql("INSERT INTO profile.unified_person (id, email, email_consent, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, email, consent, now, now).update();
        if (marketoLeadId != null) {
            jdbc.sql("""
                    INSERT INTO profile.fragment (source_key, xdm_class, source_type, source_instance_id, data, last_updated,
                                                  content_hash, profile_id)
                    VALUES (?, 'person', 'Marketo', ?, '{}'::jsonb, ?, 'h', ?)""")
                    .params(marketoLeadId + "@" + munchkinId + ".Marketo", munchkinId, now, id).update();
        }
        return id;
    }

    /** A unified account as profile-service stores it, visible through {@code profile_read.account}. */
    public String account(String name, String domain) {
        String id = "acc_" + UUID.randomUUID().toString().replace("-", "");
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO profile.unified_profile (id, entity_type, anchor_key, created_at, updated_at) VALUES (?, 'account', ?, ?, ?)")
                .params(id, id + "@test.Anchor", now, now).update();
        jdbc.sql("INSERT INTO profile.unified_account (id, name, domain, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, name, domain, now, now).update();
        return id;
    }

    /** A membership change as segmentation-service's outbox publishes it (its diff statement's JSON). */
    public void membershipChanged(String segmentId, String personId, String change, Instant occurredAt) {
        membershipChanged(segmentId, "person", personId, change, occurredAt);
    }

    public void membershipChanged(String segmentId, String audience, String personId, String change, Instant occurredAt) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("segmentId", segmentId);
        payload.put("audience", audience);
        payload.put("entityId", personId);
        payload.put("change", change);
        payload.put("occurredAt", occurredAt.toString());
        payload.put("evaluationId", UUID.randomUUID().toString());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("type", "audience.membership.changed");
        envelope.put("schemaVersion", 1);
        envelope.put("time", occurredAt.toString());
        envelope.put("key", segmentId + ":" + personId);
        envelope.put("payload", payload);
        producer.send(new ProducerRecord<>("cdp.audience.changes.v1", segmentId + ":" + personId,
                XdmJson.mapper().writeValueAsString(envelope)));
        producer.flush();
    }

    /** Any value on the audience topic, as a broken or foreign producer might write it. */
    public void rawAudienceMessage(String key, String value) {
        producer.send(new ProducerRecord<>("cdp.audience.changes.v1", key, value));
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
