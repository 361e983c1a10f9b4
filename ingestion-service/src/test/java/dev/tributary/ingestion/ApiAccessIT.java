package dev.tributary.ingestion;

import dev.tributary.support.security.ApiAccessProbe;
import dev.tributary.support.security.ApiAccessProbe.Route;
import dev.tributary.support.security.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@IngestionIntegrationTest
class ApiAccessIT {

    /** The access table as the API documents it; a route missing here fails the first test. */
    static final Map<Route, Set<Scope>> ALLOWED = ApiAccessProbe.withApiKeyRoutes(Map.ofEntries(
            Map.entry(new Route("POST", "/v1/sources"), Set.of(Scope.ADMIN)),
            Map.entry(new Route("GET", "/v1/sources"), Set.of(Scope.INGEST, Scope.READ)),
            Map.entry(new Route("GET", "/v1/sources/{id}"), Set.of(Scope.INGEST, Scope.READ)),
            Map.entry(new Route("POST", "/v1/sources/{sourceId}/records"), Set.of(Scope.INGEST)),
            Map.entry(new Route("GET", "/v1/batches/{batchId}"), Set.of(Scope.INGEST, Scope.READ)),
            Map.entry(new Route("POST", "/v1/events"), Set.of(Scope.INGEST)),
            Map.entry(new Route("PUT", "/v1/sources/{id}"), Set.of(Scope.ADMIN)),
            Map.entry(new Route("POST", "/v1/sources/{id}/pause"), Set.of(Scope.ADMIN)),
            Map.entry(new Route("POST", "/v1/sources/{id}/resume"), Set.of(Scope.ADMIN)),
            Map.entry(new Route("POST", "/v1/sources/{id}/test"), Set.of(Scope.ADMIN)),
            Map.entry(new Route("POST", "/v1/sources/{id}/runs"), Set.of(Scope.ADMIN)),
            Map.entry(new Route("GET", "/v1/sources/{id}/runs"), Set.of(Scope.READ)),
            Map.entry(new Route("GET", "/v1/sources/{id}/runs/{runId}"), Set.of(Scope.READ)),
            Map.entry(new Route("GET", "/v1/source-types"), Set.of(Scope.READ))));

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    ApiAccessProbe probe;
    IngestionApi api;

    @BeforeEach
    void setUp() {
        probe = new ApiAccessProbe(port, IngestionApi.TOKEN);
        api = new IngestionApi(port);
    }

    @Test
    void shouldDeclareTheScopeOfEveryRoute() {
        assertThat(ApiAccessProbe.routes(mapping)).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
    }

    @Test
    void shouldNeverAnswerARouteWithoutAKeyOrWithAWrongScope() {
        assertThat(probe.violations(ALLOWED)).isEmpty();
    }

    @Test
    void shouldLetAnIngestKeyWriteOnlyThroughItsSources() {
        String mine = createSource("mine-" + UUID.randomUUID().toString().substring(0, 8));
        String other = createSource("other-" + UUID.randomUUID().toString().substring(0, 8));
        String key = probe.issueKey(Set.of(Scope.INGEST), Set.of(UUID.fromString(mine)))[1];

        assertThat(probe.send("POST", "/v1/sources/" + mine + "/records", key).status()).isEqualTo(202);
        assertThat(probe.send("POST", "/v1/sources/" + other + "/records", key).status()).isEqualTo(403);
        assertThat(probe.send("POST", "/v1/events?sourceId=" + other, key).status()).isEqualTo(403);
        // an event names no source at all: a key limited to sources may not write it
        assertThat(probe.send("POST", "/v1/events", key).status()).isEqualTo(403);
        assertThat(probe.send("POST", "/v1/sources", key).status()).isEqualTo(403);
    }

    @Test
    void shouldStopAcceptingARevokedKeyWithinSeconds() {
        probe.assertARevokedKeyStopsWorking("/v1/sources");
    }

    @Test
    void shouldListKeysWithoutTheirSecrets() {
        String[] key = probe.issueKey(Set.of(Scope.SEGMENTS), Set.of());

        IngestionApi.Response listed = api.get("/v1/api-keys/" + key[0]);

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().get("scopes").get(0).asString()).isEqualTo("segments");
        assertThat(listed.body().has("key")).isFalse();
        assertThat(api.get("/v1/api-keys").body().toString()).doesNotContain(key[1]);
    }

    @Test
    void shouldRefuseAKeyRequestWithAnUnknownScope() {
        IngestionApi.Response response = api.postJson("/v1/api-keys", """
                {"name":"bad","scopes":["ingest","everything"]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("/scopes/1");
    }

    private String createSource(String instance) {
        IngestionApi.Response created = api.postJson("/v1/sources",
                "{\"name\":\"" + instance + "\",\"type\":\"file\",\"instanceId\":\"" + instance + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("id").asString();
    }
}
