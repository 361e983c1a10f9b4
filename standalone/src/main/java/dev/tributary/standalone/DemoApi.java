package dev.tributary.standalone;

import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The demo's calls to the services' APIs with the bootstrap token, and its bounded waits. */
final class DemoApi {

    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoApi(String token) {
        this.token = token;
    }

    Optional<JsonNode> tryGet(String url) {
        try {
            HttpResponse<String> response = http.send(request("GET", url, null, null), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(XdmJson.mapper().readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static <T> T waitFor(java.util.function.Supplier<Optional<T>> probe, String what) {
        return poll(probe).orElseThrow(() -> new IllegalStateException("The Townsend demo: " + what + " did not come within 60 s"));
    }

    static <T> Optional<T> poll(java.util.function.Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    JsonNode send(String method, String url, String contentType, String body, int expectedStatus) {
        HttpResponse<String> response = call(method, url, contentType, body);
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return XdmJson.mapper().readTree(response.body());
    }

    HttpResponse<String> call(String method, String url, String contentType, String body) {
        try {
            return http.send(request(method, url, contentType, body), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String method, String url, String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
