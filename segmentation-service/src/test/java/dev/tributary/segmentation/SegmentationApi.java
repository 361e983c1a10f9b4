package dev.tributary.segmentation;

import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** A service's HTTP API as a client sees it: real requests to a running server, with the test token. */
public final class SegmentationApi {

    public record Response(int status, String contentType, Optional<String> location, JsonNode body) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    public SegmentationApi(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response postNdjson(String path, String ndjson) {
        return send(request(path).header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(ndjson)));
    }

    public HttpRequest.Builder request(String path) {
        return requestWithoutToken(path).header("Authorization", "Bearer " + UpstreamServices.TOKEN);
    }

    public HttpRequest.Builder requestWithoutToken(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path));
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            return new Response(response.statusCode(), contentType, response.headers().firstValue("Location"),
                    body == null || body.isBlank() || !contentType.contains("json") ? null : XdmJson.mapper().readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object value) {
        return XdmJson.mapper().writeValueAsString(value);
    }
}
