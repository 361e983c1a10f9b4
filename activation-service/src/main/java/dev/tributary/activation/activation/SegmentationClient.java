package dev.tributary.activation.activation;

import dev.tributary.activation.ActivationProperties;
import dev.tributary.xdm.json.XdmJson;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** segmentation-service's REST API: a segment's audience and its current members, page by page. */
@Component
public class SegmentationClient {

    public record Segment(String id, String audience) {
    }

    public record Member(String id, Instant since) {
    }

    public record MembersPage(List<Member> members, String nextCursor) {
    }

    /** segmentation-service did not answer as expected; the caller retries later. */
    public static class SegmentationUnavailableException extends RuntimeException {
        public SegmentationUnavailableException(String message) {
            super(message);
        }
    }

    private final ActivationProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SegmentationClient(ActivationProperties properties) {
        this.properties = properties;
    }

    public Optional<Segment> segment(String id) {
        HttpResponse<String> response = get("/v1/segments/" + encode(id));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode body = ok(response);
        return Optional.of(new Segment(body.path("id").asString(id), body.path("audience").asString("person")));
    }

    public MembersPage members(String segmentId, String cursor, int limit) {
        HttpResponse<String> response = get("/v1/segments/" + encode(segmentId) + "/members?limit=" + limit
                + (cursor == null ? "" : "&cursor=" + encode(cursor)));
        JsonNode body = ok(response);
        List<Member> members = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            String since = item.path("since").asString(null);
            members.add(new Member(item.path("id").asString(), since == null ? Instant.EPOCH : Instant.parse(since)));
        }
        return new MembersPage(members, body.path("nextCursor").asString(null));
    }

    private JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new SegmentationUnavailableException("segmentation-service answered HTTP " + response.statusCode());
        }
        return XdmJson.mapper().readTree(response.body());
    }

    private HttpResponse<String> get(String path) {
        String base = properties.segmentationUrl().toString().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + properties.segmentationToken())
                .header("Accept", "application/json").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SegmentationUnavailableException("segmentation-service at " + base + " is unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SegmentationUnavailableException("interrupted");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
