package dev.tributary.activation.linkedin;

import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The DMP segment calls activation makes to one LinkedIn ad account: the version and Rest.li headers on every
 * call, {@code /users} and {@code /companies} kept under their per-minute limits, 429, 5xx, timeouts and a new segment's 404 retried with
 * backoff, per-element statuses in input order.
 */
public final class LinkedInClient {

    private static final Set<Integer> RETRIED = Set.of(408, 409, 423, 429, 500, 502, 503, 504);

    private final LinkedInEndpoint endpoint;
    private final HttpClient http;
    private final LinkedInProperties properties;
    private final Deque<Long> usersCalls;
    private final Deque<Long> companiesCalls;
    private long calls;

    LinkedInClient(LinkedInEndpoint endpoint, HttpClient http, LinkedInProperties properties, Deque<Long> usersCalls,
                   Deque<Long> companiesCalls) {
        this.endpoint = endpoint;
        this.http = http;
        this.properties = properties;
        this.usersCalls = usersCalls;
        this.companiesCalls = companiesCalls;
    }

    public synchronized long calls() {
        return calls;
    }

    /** SHA-256 of the trimmed, lower-cased email, as hex: LinkedIn's {@code SHA256_EMAIL}. */
    public static String sha256Email(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lists the account's segments once: LinkedIn refuses a token it does not accept with 401. */
    public void testCredentials() {
        send("GET", finder(0), null, null, 1, null, 0);
    }

    /** @param type {@code USER} or {@code COMPANY} */
    public Optional<Long> findSegment(String name, String type) {
        int start = 0;
        while (true) {
            JsonNode body = XdmJson.mapper().readTree(send("GET", finder(start), null, null, properties.attempts(), null, 0).body());
            JsonNode elements = body.path("elements");
            for (JsonNode segment : elements) {
                if (name.equals(segment.path("name").asString(null)) && type.equals(segment.path("type").asString(""))) {
                    return Optional.of(segment.path("id").asLong());
                }
            }
            start += elements.size();
            if (elements.isEmpty() || start >= body.path("paging").path("total").asInt(0)) {
                return Optional.empty();
            }
        }
    }

    /** @param type {@code USER} or {@code COMPANY} */
    public long createSegment(String name, String type) {
        ObjectNode body = XdmJson.mapper().createObjectNode();
        body.put("name", name);
        body.put("account", endpoint.accountUrn());
        body.put("type", type);
        body.put("sourcePlatform", properties.sourcePlatform());
        body.putArray("destinations").addObject().put("destination", "LINKEDIN");
        HttpResponse<String> response = send("POST", "/rest/dmpSegments", body.toString(), null, properties.attempts(), null, 0);
        String id = response.headers().firstValue("x-restli-id")
                .or(() -> response.headers().firstValue("x-linkedin-id"))
                .orElseThrow(() -> new LinkedInException("LinkedIn created a segment without naming its id", false));
        return Long.parseLong(id.replaceAll("\\D", ""));
    }

    /** ADD and REMOVE elements; per element, null when LinkedIn took it, else its error message. */
    public List<String> users(long segmentId, List<UserChange> changes) {
        ObjectNode body = XdmJson.mapper().createObjectNode();
        ArrayNode elements = body.putArray("elements");
        for (UserChange change : changes) {
            ObjectNode element = elements.addObject();
            element.put("action", change.add() ? "ADD" : "REMOVE");
            element.putArray("userIds").addObject().put("idType", "SHA256_EMAIL").put("idValue", change.sha256Email());
        }
        return statuses(send("POST", "/rest/dmpSegments/" + segmentId + "/users", body.toString(), "BATCH_CREATE",
                properties.attempts(), usersCalls, properties.usersCallsPerMinute()), changes.size());
    }

    /** ADD and REMOVE of companies; per element, null when LinkedIn took it, else its error message. */
    public List<String> companies(long segmentId, List<CompanyChange> changes) {
        ObjectNode body = XdmJson.mapper().createObjectNode();
        ArrayNode elements = body.putArray("elements");
        for (CompanyChange change : changes) {
            ObjectNode element = elements.addObject();
            element.put("action", change.add() ? "ADD" : "REMOVE");
            if (change.companyName() != null) {
                element.put("companyName", change.companyName());
            }
            if (change.companyWebsiteDomain() != null) {
                element.put("companyWebsiteDomain", change.companyWebsiteDomain());
            }
        }
        return statuses(send("POST", "/rest/dmpSegments/" + segmentId + "/companies", body.toString(), "BATCH_CREATE",
                properties.attempts(), companiesCalls, properties.companiesCallsPerMinute()), changes.size());
    }

    private static List<String> statuses(HttpResponse<String> response, int count) {
        JsonNode statuses = XdmJson.mapper().readTree(response.body()).path("elements");
        List<String> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            JsonNode status = statuses.path(i);
            int code = status.path("status").asInt(0);
            results.add(code >= 200 && code < 300 ? null
                    : "LinkedIn " + (code == 0 ? "gave no status" : code) + ": " + status.path("error").path("message").asString(""));
        }
        return results;
    }

    private String finder(int start) {
        return "/rest/dmpSegments?q=account&account=" + URLEncoder.encode(endpoint.accountUrn(), StandardCharsets.UTF_8)
                + "&start=" + start + "&count=100";
    }

    /** @param window the per-minute window the call counts in, null for calls LinkedIn does not limit per minute */
    private HttpResponse<String> send(String method, String path, String body, String restliMethod, int attempts,
                                      Deque<Long> window, int perMinute) {
        long backoff = properties.backoffInitial().toMillis();
        String failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (window != null) {
                admit(window, perMinute);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                    .timeout(properties.requestTimeout())
                    .header("Authorization", "Bearer " + endpoint.accessToken())
                    .header("LinkedIn-Version", properties.version())
                    .header("X-Restli-Protocol-Version", "2.0.0")
                    .header("Content-Type", "application/json");
            if (restliMethod != null) {
                request.header("X-RestLi-Method", restliMethod);
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response;
            try {
                synchronized (this) {
                    calls++;
                }
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                failure = "LinkedIn is unreachable: " + e.getClass().getSimpleName();
                pause(backoff);
                backoff = Math.min(backoff * 2, properties.backoffMax().toMillis());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LinkedInException("interrupted", false);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            String message = XdmJson.mapper().readTree(response.body().isEmpty() ? "{}" : response.body()).path("message").asString("");
            if (status == 401 || status == 403) {
                throw new LinkedInException("LinkedIn refused the access token (HTTP " + status + "): " + message, true);
            }
            // a segment just created answers 404 for a few seconds
            boolean newSegment = status == 404 && window != null;
            if (!RETRIED.contains(status) && !newSegment) {
                throw new LinkedInException("LinkedIn answered HTTP " + status + " to " + method + " "
                        + path.replaceAll("\\?.*", "") + ": " + message, false);
            }
            failure = "LinkedIn answered HTTP " + status + ": " + message;
            if (attempt < attempts) {
                pause(backoff);
                backoff = Math.min(backoff * 2, properties.backoffMax().toMillis());
            }
        }
        throw new LinkedInException(failure, false);
    }

    /** At most {@code perMinute} calls in any minute, per access token and resource. */
    private static void admit(Deque<Long> window, int perMinute) {
        synchronized (window) {
            while (true) {
                long now = System.nanoTime();
                while (!window.isEmpty() && now - window.peekFirst() >= 60_000_000_000L) {
                    window.pollFirst();
                }
                if (window.size() < perMinute) {
                    window.addLast(now);
                    return;
                }
                try {
                    window.wait(Math.max(1, (60_000_000_000L - (now - window.peekFirst())) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LinkedInException("interrupted", false);
                }
            }
        }
    }

    private String base() {
        String url = endpoint.baseUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkedInException("interrupted", false);
        }
    }

    static Deque<Long> window() {
        return new ArrayDeque<>();
    }
}
