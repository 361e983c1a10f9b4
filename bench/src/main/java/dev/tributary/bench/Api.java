package dev.tributary.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The public HTTP APIs, as a user would call them. */
final class Api {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    record Response(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Options options;
    private final String auth;

    Api(Options options) {
        this.options = options;
        this.auth = "Bearer " + options.token();
    }

    Response send(String method, String url, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", auth);
        if (body != null) {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response postJson(String url, String json) {
        return send("POST", url, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    Response get(String url) {
        return send("GET", url, null, null);
    }

    Response expect(Response r, int... statuses) {
        for (int s : statuses) {
            if (r.status() == s) return r;
        }
        throw new IllegalStateException("HTTP " + r.status() + ": " + r.body());
    }

    String createSource(String name, String type, String instanceId) {
        Response r = expect(postJson(options.ingestion() + "/v1/sources",
                "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"instanceId\":\"" + instanceId + "\"}"), 201, 200);
        return r.json().get("id").asString();
    }

    Response postRecords(String sourceId, byte[] ndjson) {
        return send("POST", options.ingestion() + "/v1/sources/" + sourceId + "/records", "application/x-ndjson", ndjson);
    }

    Response postEvents(String sourceId, byte[] jsonArray) {
        return send("POST", options.ingestion() + "/v1/events?sourceId=" + sourceId, "application/json", jsonArray);
    }

    Response personByIdentity(String namespace, String value) {
        return get(options.profile() + "/v1/persons?identity=" + URLEncoder.encode(namespace + ":" + value, StandardCharsets.UTF_8));
    }

    boolean up(String baseUrl) {
        try {
            return get(baseUrl + "/openapi.yaml").status() < 500;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
