package dev.tributary.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * segmentation-service's read API as activation-service uses it ({@code GET /v1/segments/{id}} and
 * {@code GET /v1/segments/{id}/members?limit=&cursor=}, keyset-paginated on the entity id), serving members the
 * bench sets: the activation scenario measures delivery, not evaluation (docs/benchmarks.md).
 */
final class SegmentationStub implements AutoCloseable {
    private final HttpServer server;
    private final String token;
    private final Map<String, NavigableMap<String, Instant>> segments = new ConcurrentHashMap<>();

    SegmentationStub(String token) {
        this.token = token;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/segments/", this::handle);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** A person segment whose current members are these, each a member since {@code since}. */
    void members(String segmentId, List<String> personIds, Instant since) {
        NavigableMap<String, Instant> members = new TreeMap<>();
        personIds.forEach(id -> members.put(id, since));
        segments.put(segmentId, members);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, Map.of("title", "Unauthorized", "status", 401));
                return;
            }
            String[] path = exchange.getRequestURI().getPath().substring("/v1/segments/".length()).split("/");
            NavigableMap<String, Instant> members = segments.get(path[0]);
            if (members == null) {
                send(exchange, 404, Map.of("title", "Segment not found", "status", 404));
                return;
            }
            if (path.length == 1) {
                send(exchange, 200, Map.of("id", path[0], "audience", "person"));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            String cursor = query.get("cursor");
            List<Map<String, Object>> items = new ArrayList<>();
            String last = null;
            for (Map.Entry<String, Instant> m : (cursor == null ? members : members.tailMap(cursor, false)).entrySet()) {
                if (items.size() == limit) break;
                items.add(Map.of("id", m.getKey(), "since", m.getValue().toString()));
                last = m.getKey();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", items);
            body.put("total", members.size());
            body.put("nextCursor", last != null && members.higherKey(last) != null ? last : null);
            send(exchange, 200, body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) return query;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Api.JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
