package dev.tributary.ingestion.source;

import dev.tributary.ingestion.IngestionApi;
import dev.tributary.ingestion.IngestionIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@IngestionIntegrationTest
class SourceApiIT {

    @LocalServerPort
    int port;

    IngestionApi api;

    @BeforeEach
    void setUp() {
        api = new IngestionApi(port);
    }

    @Test
    void shouldCreateSourceAndReadItBack() {
        IngestionApi.Response created = api.postJson("/v1/sources",
                "{\"name\":\"Trade show leads\",\"type\":\"file\",\"instanceId\":\"expo-2026\"}");

        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").stringValue();
        assertThat(created.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/v1/sources/" + id));
        assertThat(created.body().get("name").stringValue()).isEqualTo("Trade show leads");
        assertThat(created.body().get("type").stringValue()).isEqualTo("file");
        assertThat(created.body().get("instanceId").stringValue()).isEqualTo("expo-2026");
        assertThat(created.body().get("createdAt").isString()).isTrue();

        IngestionApi.Response fetched = api.get("/v1/sources/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(created.body());

        JsonNode all = api.get("/v1/sources").body();
        assertThat(all.values().stream().map(s -> s.get("id").stringValue())).contains(id);
    }

    @Test
    void shouldKeepDeclaredInstanceIdsSortedAndDefaultToNone() {
        IngestionApi.Response declared = api.postJson("/v1/sources",
                "{\"name\":\"Export\",\"type\":\"file\",\"instanceId\":\"crm-1\",\"instanceIds\":[\"mkto-2\",\"mkto-1\"]}");
        IngestionApi.Response plain = api.postJson("/v1/sources",
                "{\"name\":\"CRM\",\"type\":\"file\",\"instanceId\":\"crm-1\"}");

        assertThat(declared.status()).isEqualTo(201);
        assertThat(declared.body().get("instanceIds").values().stream().map(JsonNode::stringValue))
                .containsExactly("mkto-1", "mkto-2");
        assertThat(api.get("/v1/sources/" + declared.body().get("id").stringValue()).body()).isEqualTo(declared.body());
        assertThat(plain.body().get("instanceIds")).isEmpty();
    }

    @Test
    void shouldRejectMalformedDeclaredInstanceId() {
        IngestionApi.Response response = api.postJson("/v1/sources",
                "{\"name\":\"Export\",\"type\":\"file\",\"instanceId\":\"crm-1\",\"instanceIds\":[\"ok-1\",\"not ok\"]}");

        assertProblem(response, 400);
        assertThat(response.body().get("errors").get(0).get("field").stringValue()).startsWith("instanceIds[1]");
    }

    @Test
    void shouldRejectUnknownSourceTypeListingValidTypes() {
        IngestionApi.Response response = api.postJson("/v1/sources",
                "{\"name\":\"CRM\",\"type\":\"salesforce-ish\",\"instanceId\":\"crm-1\"}");

        assertProblem(response, 400);
        JsonNode error = response.body().get("errors").get(0);
        assertThat(error.get("field").stringValue()).isEqualTo("type");
        assertThat(error.get("message").stringValue()).contains("salesforce-ish").contains("file, web");
    }

    @Test
    void shouldRejectBlankName() {
        IngestionApi.Response response = api.postJson("/v1/sources",
                "{\"name\":\"  \",\"type\":\"web\",\"instanceId\":\"site-1\"}");

        assertProblem(response, 400);
        assertThat(response.body().get("errors").get(0).get("field").stringValue()).isEqualTo("name");
    }

    @Test
    void shouldRejectMalformedInstanceId() {
        IngestionApi.Response response = api.postJson("/v1/sources",
                "{\"name\":\"Site\",\"type\":\"web\",\"instanceId\":\"-site 1\"}");

        assertProblem(response, 400);
        JsonNode error = response.body().get("errors").get(0);
        assertThat(error.get("field").stringValue()).isEqualTo("instanceId");
        assertThat(error.get("message").stringValue()).contains("[A-Za-z0-9][A-Za-z0-9_.-]*");
    }

    @Test
    void shouldAnswer404ForUnknownOrMalformedSourceId() {
        assertProblem(api.get("/v1/sources/5d0c5f8e-0000-4000-8000-000000000000"), 404);
        assertProblem(api.get("/v1/sources/not-a-uuid"), 404);
    }

    private static void assertProblem(IngestionApi.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").intValue()).isEqualTo(status);
    }
}
