package dev.tributary.ingestion;

import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.Supplier;

/** The service's HTTP API as a client sees it: real requests to the running server. */
public final class IngestionApi {

    public static final String TOKEN = "test-token";
    /** cdp.ingestion.secrets-key of the tests: base64 of 32 bytes. */
    public static final String SECRETS_KEY = "dGVzdC1zZWNyZXRzLWtleS1vZi0zMi1ieXRlcy0tLS0=";

    public record Response(int status, String contentType, Optional<String> location, JsonNode body) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    public IngestionApi(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST without a body. */
    public Response post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response postNdjson(String path, String ndjson) {
        return send(request(path).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)));
    }

    /** Chunked: the server learns the size only by reading. */
    public Response postNdjsonStream(String path, Supplier<InputStream> body) {
        return send(request(path).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(body)));
    }

    /** Chunked JSON: the server learns the size only by reading. */
    public Response postJsonStream(String path, Supplier<InputStream> body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(body)));
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location"),
                    body == null || body.isBlank() ? null : XdmJson.mapper().readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder requestWithoutToken(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path));
    }

    private HttpRequest.Builder request(String path) {
        return requestWithoutToken(path).header("Authorization", "Bearer " + TOKEN);
    }

    /** The instances the fixtures' records come from, which {@link #createSource(String)} declares. */
    public static final String FIXTURE_INSTANCES = "[\"crm-1\",\"crm-2\",\"mkto-1\",\"mkto-2\",\"mdm-1\"]";

    /** A new source that may write the fixtures' instances, so that each test's messages can be told apart by source id. */
    public String createSource(String name) {
        Response created = postJson("/v1/sources", "{\"name\":\"" + name
                + "\",\"type\":\"file\",\"instanceId\":\"upload-1\",\"instanceIds\":" + FIXTURE_INSTANCES + "}");
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create a source: " + created);
        }
        return created.body().get("id").stringValue();
    }
}
