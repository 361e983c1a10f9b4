package dev.tributary.support.security;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends every {@code /v1} route a service maps, in the path forms a caller could use to slip past a
 * check, without a key and with keys of the wrong scopes, and collects what must never happen. Shared by
 * each service's ApiAccessIT; the routes come from the service's own handler mapping, so a new endpoint
 * cannot be left out.
 */
public final class ApiAccessProbe {

    /** A route as {@code "POST /v1/sources/{sourceId}/records"}. */
    public record Route(String method, String pattern) implements Comparable<Route> {
        @Override
        public String toString() {
            return method + " " + pattern;
        }

        @Override
        public int compareTo(Route other) {
            return toString().compareTo(other.toString());
        }
    }

    public record Answer(int status, String contentType, String body) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String adminToken;

    public ApiAccessProbe(int port, String adminToken) {
        this.base = "http://localhost:" + port;
        this.adminToken = adminToken;
    }

    /** The key routes every service serves over the one key store: admin only. */
    public static final Map<Route, Set<Scope>> API_KEY_ROUTES = Map.of(
            new Route("POST", "/v1/api-keys"), Set.of(Scope.ADMIN),
            new Route("GET", "/v1/api-keys"), Set.of(Scope.ADMIN),
            new Route("GET", "/v1/api-keys/{id}"), Set.of(Scope.ADMIN),
            new Route("DELETE", "/v1/api-keys/{id}"), Set.of(Scope.ADMIN));

    /** A service's own access table with the key routes every service serves. */
    public static Map<Route, Set<Scope>> withApiKeyRoutes(Map<Route, Set<Scope>> serviceRoutes) {
        Map<Route, Set<Scope>> all = new HashMap<>(serviceRoutes);
        all.putAll(API_KEY_ROUTES);
        return Map.copyOf(all);
    }

    /** Every {@code /v1} route of the service, with each HTTP method it answers. */
    public static Set<Route> routes(RequestMappingHandlerMapping mapping) {
        Set<Route> routes = new TreeSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty()) {
                methods = EnumSet.of(RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);
            }
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/v1") || pattern.startsWith("/v1/")) {
                    methods.forEach(m -> routes.add(new Route(m.name(), pattern)));
                }
            }
        }
        return routes;
    }

    /**
     * The paths a caller can write for one route: as mapped, and in the forms a check on the raw URI
     * would miss (path parameters, encoded letters, dot segments, doubled and trailing slashes, case).
     */
    public static List<String> variants(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        String path = m.replaceAll(r -> UUID.randomUUID().toString());
        String rest = path.substring("/v1".length());
        return List.of(path, "/v1;x" + rest, "/%761" + rest, "/v1%3Bx" + rest, "/v1/." + rest, "/v1/x/.." + rest,
                "/v1/" + rest, "/" + path, path + "/", path.toUpperCase(), path + ";jsessionid=1",
                "/v1%2F" + rest.substring(1), "/v1%5C" + rest.substring(1), "/v1/%2e" + rest);
    }

    public Answer send(String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, method.equals("GET") || method.equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", path.contains("/records") ? "application/x-ndjson" : "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Issues a key through {@code POST /v1/api-keys} with the bootstrap admin key; returns {id, key}. */
    public String[] issueKey(Set<Scope> scopes, Set<UUID> sourceIds) {
        String body = JSON.writeValueAsString(Map.of("name", "probe " + scopes,
                "scopes", scopes.stream().map(Scope::value).toList(), "sourceIds", sourceIds));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/api-keys"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode key = JSON.readTree(response.body());
            return new String[] {key.get("id").asString(), key.get("key").asString()};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void revoke(String id) {
        assertThat(send("DELETE", "/v1/api-keys/" + id, adminToken).status()).isEqualTo(204);
    }

    /** A read key works on {@code path}, then, revoked, is refused with 401 within five seconds. */
    public void assertARevokedKeyStopsWorking(String path) {
        String[] key = issueKey(Set.of(Scope.READ), Set.of());
        assertThat(send("GET", path, key[1]).status()).isNotIn(401, 403);

        revoke(key[0]);

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(send("GET", path, key[1]).status()).isEqualTo(401));
    }

    /**
     * Every route, in every path form, without a key and with a key holding every scope but the ones
     * the route allows: never a 2xx; the route as mapped answers exactly 401 and 403.
     *
     * @return the violations, empty when the service is sound
     */
    public List<String> violations(Map<Route, Set<Scope>> allowed) {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<Route, Set<Scope>> entry : allowed.entrySet()) {
            Route route = entry.getKey();
            Set<Scope> wrong = EnumSet.complementOf(EnumSet.copyOf(entry.getValue()));
            wrong.remove(Scope.ADMIN);
            String wrongKey = wrong.isEmpty() ? null : issueKey(wrong, Set.of())[1];
            List<String> paths = variants(route.pattern());
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                check(violations, route, path, null, i == 0 ? Set.of(401) : Set.of(400, 401));
                if (wrongKey != null) {
                    check(violations, route, path, wrongKey, i == 0 ? Set.of(403) : Set.of(400, 403));
                }
            }
        }
        return violations;
    }

    private void check(List<String> violations, Route route, String path, String key, Set<Integer> expected) {
        Answer answer = send(route.method(), path, key);
        boolean problem = answer.contentType().startsWith("application/problem+json");
        if (!expected.contains(answer.status()) || !problem) {
            violations.add(route.method() + " " + path + (key == null ? " without a key" : " with a wrong-scope key")
                    + ": " + answer.status() + " " + answer.contentType() + " " + abbreviate(answer.body()));
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 160 ? body.substring(0, 160) + "..." : body;
    }
}
