package dev.tributary.ingestion;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

@IngestionIntegrationTest
class AuthenticationIT {

    @LocalServerPort
    int port;

    IngestionApi api;

    @BeforeEach
    void setUp() {
        api = new IngestionApi(port);
    }

    @Test
    void shouldRejectCallsWithoutToken() {
        IngestionApi.Response response = api.send(api.requestWithoutToken("/v1/sources").GET());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void shouldRejectCallsWithWrongToken() {
        IngestionApi.Response response = api.send(api.requestWithoutToken("/v1/sources/x/records")
                .header("Authorization", "Bearer not-the-token")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(XdmFixtures.ndjson(XdmFixtures.ACCOUNT_LINE))));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().get("title").stringValue()).isEqualTo("Unauthorized");
    }

    @Test
    void shouldServeOpenApiDocumentWithoutToken() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(
                api.requestWithoutToken("/openapi.yaml").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("openapi: 3.1").contains("/v1/sources/{sourceId}/records");
    }
}
