package dev.tributary.activation.destination;

import dev.tributary.activation.ActivationFixtures;
import dev.tributary.activation.ActivationFixtures.Answer;
import dev.tributary.activation.ActivationIntegrationTest;
import dev.tributary.activation.TestUpstreams;
import dev.tributary.emulators.marketo.MarketoHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ActivationIntegrationTest
class DestinationApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ActivationFixtures api;
    MarketoHandle marketo;

    @BeforeEach
    void setUp() {
        api = new ActivationFixtures(port, jdbc);
        String munchkin = "DST-" + UUID.randomUUID().toString().substring(0, 8);
        marketo = TestUpstreams.emulators().addMarketoInstance(munchkin, "client-" + munchkin, "secret-" + UUID.randomUUID());
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private Map<String, Object> config(String secret) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("baseUrl", marketo.baseUrl());
        config.put("munchkinId", marketo.munchkinId());
        config.put("clientId", marketo.clientId());
        if (secret != null) {
            config.put("clientSecret", secret);
        }
        return config;
    }

    @Test
    void shouldNeverShowTheSecretAndKeepItSealedAtRest() {
        Answer created = api.call("POST", "/v1/destinations",
                Map.of("name", "Marketo 1", "type", "marketo-static-list", "config", config(marketo.clientSecret())));

        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asString();
        assertThat(created.body().get("config").get("munchkinId").asString()).isEqualTo(marketo.munchkinId());
        assertThat(created.body().get("config").get("createMissingPersons").asBoolean()).isFalse();
        assertThat(created.body().get("secretsSet").get(0).asString()).isEqualTo("clientSecret");
        for (Answer shown : List.of(created, api.call("GET", "/v1/destinations/" + id, null), api.call("GET", "/v1/destinations", null))) {
            assertThat(shown.raw()).doesNotContain(marketo.clientSecret());
        }
        byte[] stored = jdbc.sql("SELECT secret FROM activation.destination WHERE id = ?::uuid").param(id).query(byte[].class).single();
        String storedConfig = jdbc.sql("SELECT config::text FROM activation.destination WHERE id = ?::uuid").param(id).query(String.class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(marketo.clientSecret());
        assertThat(storedConfig).doesNotContain(marketo.clientSecret());
    }

    @Test
    void shouldTestTheCredentialsAgainstTheDestinationAndKeepTheSecretAPutLeavesOut() {
        String id = api.call("POST", "/v1/destinations",
                Map.of("name", "Marketo 1", "type", "marketo-static-list", "config", config(marketo.clientSecret())))
                .body().get("id").asString();

        Answer test = api.call("POST", "/v1/destinations/" + id + "/test", null);
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.body().get("ok").asBoolean()).isTrue();

        Answer renamed = api.call("PUT", "/v1/destinations/" + id,
                Map.of("name", "Marketo renamed", "type", "marketo-static-list", "config", config(null)));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().get("name").asString()).isEqualTo("Marketo renamed");
        assertThat(api.call("POST", "/v1/destinations/" + id + "/test", null).status()).isEqualTo(200);
        Answer retyped = api.call("PUT", "/v1/destinations/" + id, Map.of("name", "x", "type", "linkedin-matched-audience",
                "config", Map.of("baseUrl", "http://localhost:1", "accessToken", "t", "adAccount", "1")));
        assertThat(retyped.status()).isEqualTo(400);
        assertThat(retyped.body().get("errors").findValuesAsString("field")).containsExactly("type");
    }

    @Test
    void shouldReportCredentialsTheDestinationRefusesAsAProblem() {
        String id = api.call("POST", "/v1/destinations",
                Map.of("name", "Marketo wrong", "type", "marketo-static-list", "config", config("not-the-secret")))
                .body().get("id").asString();

        Answer test = api.call("POST", "/v1/destinations/" + id + "/test", null);

        assertThat(test.status()).isEqualTo(422);
        assertThat(test.body().get("title").asString()).isEqualTo("Destination refused the credentials");
        assertThat(test.raw()).doesNotContain("not-the-secret");
    }

    @Test
    void shouldReportAnUnreachableDestinationAsABadGateway() {
        Map<String, Object> config = config("whatever");
        config.put("baseUrl", "http://localhost:1");
        String id = api.call("POST", "/v1/destinations",
                Map.of("name", "Nowhere", "type", "marketo-static-list", "config", config)).body().get("id").asString();

        Answer test = api.call("POST", "/v1/destinations/" + id + "/test", null);

        assertThat(test.status()).isEqualTo(502);
        assertThat(test.body().get("title").asString()).isEqualTo("Destination unreachable");
    }

    @Test
    void shouldRefuseAnInvalidDestinationNamingEachBadField() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("baseUrl", "ftp://example.com");
        config.put("clientId", "");
        config.put("createMissingPersons", "yes");
        config.put("colour", "blue");

        Answer refused = api.call("POST", "/v1/destinations",
                Map.of("name", "Bad", "type", "marketo-static-list", "config", config));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder(
                "config.baseUrl", "config.munchkinId", "config.clientId", "config.clientSecret",
                "config.createMissingPersons", "config.colour");
        assertThat(api.call("POST", "/v1/destinations", Map.of("name", "x", "type", "mailchimp", "config", Map.of()))
                .body().get("errors").findValuesAsString("field")).containsExactly("type");
    }

    @Test
    void shouldStillShowADestinationWhoseSecretNoLongerOpensAndAcceptItAgainThroughAPut() {
        String id = api.call("POST", "/v1/destinations",
                Map.of("name", "Marketo 1", "type", "marketo-static-list", "config", config(marketo.clientSecret())))
                .body().get("id").asString();
        // as if CDP_SECRETS_KEY had changed: the stored value no longer opens
        jdbc.sql("UPDATE activation.destination SET secret = ? WHERE id = ?::uuid").param(new byte[40]).param(id).update();

        assertThat(api.call("GET", "/v1/destinations/" + id, null).status()).isEqualTo(200);
        Answer test = api.call("POST", "/v1/destinations/" + id + "/test", null);
        assertThat(test.status()).isEqualTo(422);
        assertThat(test.body().get("detail").asString()).contains("cdp.activation.secrets-key");
        Answer withoutSecret = api.call("PUT", "/v1/destinations/" + id,
                Map.of("name", "Marketo 1", "type", "marketo-static-list", "config", config(null)));
        assertThat(withoutSecret.body().get("errors").findValuesAsString("field")).containsExactly("config.clientSecret");

        assertThat(api.call("PUT", "/v1/destinations/" + id,
                Map.of("name", "Marketo 1", "type", "marketo-static-list", "config", config(marketo.clientSecret()))).status())
                .isEqualTo(200);
        assertThat(api.call("POST", "/v1/destinations/" + id + "/test", null).status()).isEqualTo(200);
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownDestination() {
        Answer missing = api.call("GET", "/v1/destinations/" + UUID.randomUUID(), null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(api.call("POST", "/v1/destinations/not-an-id/test", null).status()).isEqualTo(404);
    }

    @Test
    void shouldDeleteADestinationNoActivationUses() {
        String id = api.call("POST", "/v1/destinations",
                Map.of("name", "Temp", "type", "marketo-static-list", "config", config("s"))).body().get("id").asString();
        assertThat(api.call("DELETE", "/v1/destinations/" + id, null).status()).isEqualTo(204);
        assertThat(api.call("GET", "/v1/destinations/" + id, null).status()).isEqualTo(404);
    }
}
