package dev.tributary.bench;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentationStubTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldPageEveryMemberOnceByCursorAsActivationServiceReadsThem() throws Exception {
        try (SegmentationStub stub = new SegmentationStub("t")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 25; i++) ids.add("per_" + i);
            Instant since = Instant.parse("2026-12-01T00:00:00Z");
            stub.members("seg", ids, since);

            List<String> read = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonNode page = get(stub, "/v1/segments/seg/members?limit=10" + (cursor == null ? "" : "&cursor=" + cursor), "t");
                page.path("items").forEach(item -> {
                    read.add(item.get("id").asString());
                    assertThat(item.get("since").asString()).isEqualTo(since.toString());
                });
                cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString(null);
                pages++;
            } while (cursor != null && pages < 10);

            assertThat(pages).isEqualTo(3);
            assertThat(read).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
            assertThat(get(stub, "/v1/segments/seg", "t").get("audience").asString()).isEqualTo("person");
        }
    }

    @Test
    void shouldRefuseAnotherTokenAndAnUnknownSegment() throws Exception {
        try (SegmentationStub stub = new SegmentationStub("t")) {
            stub.members("seg", List.of("per_1"), Instant.now());
            assertThat(status(stub, "/v1/segments/seg", "other")).isEqualTo(401);
            assertThat(status(stub, "/v1/segments/nope/members?limit=10", "t")).isEqualTo(404);
        }
    }

    private JsonNode get(SegmentationStub stub, String path, String token) throws Exception {
        HttpResponse<String> r = send(stub, path, token);
        assertThat(r.statusCode()).isEqualTo(200);
        return Api.JSON.readTree(r.body());
    }

    private int status(SegmentationStub stub, String path, String token) throws Exception {
        return send(stub, path, token).statusCode();
    }

    private HttpResponse<String> send(SegmentationStub stub, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stub.url() + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
