package dev.tributary.console.api;

import dev.tributary.console.ConsoleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Calls the services with the console's own API key (ADR 0030); the console's users never see that key. */
@Component
public class ServiceClient {

    private static final Logger log = LoggerFactory.getLogger(ServiceClient.class);

    private final ConsoleProperties properties;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public ServiceClient(ConsoleProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.callTimeout()).build();
    }

    public ApiResponse get(Service service, String path) {
        return send(service, path, "GET", null);
    }

    /** A text answer (Prometheus), kept as the string. */
    public ApiResponse getText(Service service, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl(service) + path)).timeout(properties.callTimeout())
                .header("Authorization", "Bearer " + properties.apiKey()).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.body());
        } catch (IOException e) {
            return new ApiResponse(0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ApiResponse(0, null);
        }
    }

    public ApiResponse post(Service service, String path, Object body) {
        return send(service, path, "POST", body);
    }

    public ApiResponse put(Service service, String path, Object body) {
        return send(service, path, "PUT", body);
    }

    public ApiResponse delete(Service service, String path) {
        return send(service, path, "DELETE", null);
    }

    private ApiResponse send(Service service, String path, String method, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl(service) + path))
                .timeout(properties.callTimeout())
                .header("Authorization", "Bearer " + properties.apiKey())
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else {
            request.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("")
                    : HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            // the path only: a query string may carry an email or another identity value
            log.warn("{} {} on {} failed: {}", method, pathOnly(path), service, e.toString());
            return new ApiResponse(0, Map.of("title", service.name().toLowerCase() + "-service unreachable"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ApiResponse(0, Map.of("title", "interrupted"));
        }
    }

    static String pathOnly(String path) {
        int query = path.indexOf('?');
        String withoutQuery = query < 0 ? path : path.substring(0, query);
        // a path segment may hold what a person typed (an email, a source key): masked
        return withoutQuery.replaceAll("[^/]*(@|%40)[^/]*", "…");
    }

    private Object parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, Object.class);
        } catch (RuntimeException e) {
            return Map.of("detail", body.length() > 200 ? body.substring(0, 200) : body);
        }
    }

    String baseUrl(Service service) {
        return switch (service) {
            case INGESTION -> properties.ingestionUrl();
            case PROFILE -> properties.profileUrl();
            case SEGMENTATION -> properties.segmentationUrl();
            case ACTIVATION -> properties.activationUrl();
        };
    }
}
