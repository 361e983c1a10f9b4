package dev.tributary.activation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tributary.xdm.json.XdmJson;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * segmentation-service's read API as activation uses it ({@code GET /v1/segments/{id}} and
 * {@code GET /v1/segments/{id}/members?limit=&cursor=}, keyset-paginated on the entity id), over real HTTP, serving
 * the memberships a test sets. The segments themselves are not evaluated: tests state who is in.
 */
public final class SegmentationStub implements AutoCloseable {

    private record Segment(String audience, TreeMap<String, Instant> members) {
    }

    private final HttpServer server;
    private final String token;
    private final Map<String, Segment> segments = new ConcurrentHashMap<>();

    private SegmentationStub(HttpServer server, String token) {
        this.server = server;
        this.token = token;
    }

    static SegmentationStub start(String token) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            SegmentationStub stub = new SegmentationStub(server, token);
            server.createContext("/v1/segments/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Sets a segment's current members, each entered at {@code since}. */
    public void members(String segmentId, String audience, Map<String, Instant> members) {
        segments.put(segmentId, new Segment(audience, new TreeMap<>(members)));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, Map.of("title", "Unauthorized", "status", 401));
                return;
            }
            String[] path = exchange.getRequestURI().getPath().substring("/v1/segments/".length()).split("/");
            Segment segment = segments.get(path[0]);
            if (segment == null) {
                send(exchange, 404, Map.of("title", "Segment not found", "status", 404));
            } else if (path.length == 1) {
                send(exchange, 200, Map.of("id", path[0], "audience", segment.audience()));
            } else {
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
                String cursor = query.get("cursor");
                List<Map<String, Object>> items = new ArrayList<>();
                Map<String, Instant> rest = cursor == null ? segment.members() : segment.members().tailMap(cursor, false);
                String last = null;
                for (Map.Entry<String, Instant> m : rest.entrySet()) {
                    if (items.size() == limit) {
                        break;
                    }
                    items.add(Map.of("id", m.getKey(), "since", m.getValue().toString()));
                    last = m.getKey();
                }
                boolean more = last != null && segment.members().higherKey(last) != null;
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("items", items);
                body.put("total", segment.members().size());
                body.put("nextCursor", more ? last : null);
                send(exchange, 200, body);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = XdmJson.mapper().writeValueAsBytes(body);
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
