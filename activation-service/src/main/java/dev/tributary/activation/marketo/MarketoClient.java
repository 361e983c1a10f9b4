package dev.tributary.activation.marketo;

import dev.tributary.xdm.json.XdmJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The calls activation makes to one Marketo instance, as the REST API documents them: a client-credentials token
 * renewed before it expires and on 601/602; every call through the instance's {@link CallLimiter}; 606, 615, 604,
 * 608, 611, 5xx and timeouts retried with exponential backoff; record-level results kept in input order.
 */
public final class MarketoClient {

    private static final Logger log = LoggerFactory.getLogger(MarketoClient.class);
    private static final Set<String> RETRIED = Set.of("604", "606", "608", "611", "615");
    private static final Set<String> TOKEN = Set.of("601", "602");
    /** The filter values' share of a lookup URL, well under Marketo's 8 KB limit. */
    private static final int MAX_FILTER_CHARS = 6000;

    private final MarketoEndpoint endpoint;
    private final MarketoProperties properties;
    private final MarketoTransport transport;
    private final MarketoTokens tokens;

    MarketoClient(MarketoEndpoint endpoint, HttpClient http, CallLimiter limiter, MarketoProperties properties) {
        this.endpoint = endpoint;
        this.properties = properties;
        this.transport = new MarketoTransport(endpoint, http, limiter);
        this.tokens = new MarketoTokens(endpoint, transport, properties);
    }

    public MarketoEndpoint endpoint() {
        return endpoint;
    }

    /** Calls made so far, token requests and retries included. */
    public long calls() {
        return transport.calls();
    }

    /** Asks for a token with the configured credentials; throws when the instance refuses them or cannot be reached. */
    public void testCredentials() {
        tokens.renew();
    }

    public Optional<Long> findStaticList(String name) {
        JsonNode result = call("GET", "/rest/asset/v1/staticList/byName.json?name=" + encode(name), null, null);
        for (JsonNode list : result) {
            if (list.has("id")) {
                return Optional.of(list.get("id").asLong());
            }
        }
        return Optional.empty();
    }

    public long createStaticList(String name, long folderId) {
        String form = "name=" + encode(name) + "&folder=" + encode("{\"id\":" + folderId + ",\"type\":\"Folder\"}");
        JsonNode result = call("POST", "/rest/asset/v1/staticLists.json", form, "application/x-www-form-urlencoded");
        if (result.isEmpty() || !result.get(0).has("id")) {
            throw new MarketoException("empty", "Marketo created no static list named " + name, false);
        }
        return result.get(0).get("id").asLong();
    }

    /**
     * The lead id of each email that has a lead (the lowest id when several share it); at most batch-size emails,
     * asked in as few calls as keep each URL under Marketo's 8 KB (414 above it).
     */
    public Map<String, Long> leadsByEmail(List<String> emails) {
        requireBatch(emails);
        Map<String, Long> ids = new LinkedHashMap<>();
        List<String> chunk = new ArrayList<>();
        int length = 0;
        for (String email : emails) {
            int encoded = encode(email).length() + 3;
            if (!chunk.isEmpty() && length + encoded > MAX_FILTER_CHARS) {
                lookUp(chunk, ids);
                chunk.clear();
                length = 0;
            }
            chunk.add(email);
            length += encoded;
        }
        lookUp(chunk, ids);
        return ids;
    }

    private void lookUp(List<String> emails, Map<String, Long> ids) {
        String query = "/rest/v1/leads.json?filterType=email&fields=id,email&batchSize=300&filterValues="
                + encode(String.join(",", emails));
        String next = null;
        do {
            JsonNode envelope = callEnvelope("GET", next == null ? query : query + "&nextPageToken=" + encode(next), null, null);
            for (JsonNode lead : envelope.path("result")) {
                String email = lead.path("email").asString("").trim().toLowerCase();
                long id = lead.path("id").asLong();
                ids.merge(email, id, Math::min);
            }
            next = envelope.path("moreResult").asBoolean(false) ? envelope.path("nextPageToken").asString(null) : null;
        } while (next != null);
    }

    /** createOrUpdate on email: one result per email, in input order, with the lead id when not skipped. */
    public List<RecordResult> createOrUpdateByEmail(List<String> emails) {
        requireBatch(emails);
        ObjectNode body = XdmJson.mapper().createObjectNode();
        body.put("action", "createOrUpdate");
        body.put("lookupField", "email");
        ArrayNode input = body.putArray("input");
        emails.forEach(e -> input.addObject().put("email", e));
        return records(call("POST", "/rest/v1/leads.json", body.toString(), "application/json"), emails.size());
    }

    public List<RecordResult> addToList(long listId, List<Long> leadIds) {
        return listCall("POST", listId, leadIds);
    }

    public List<RecordResult> removeFromList(long listId, List<Long> leadIds) {
        return listCall("DELETE", listId, leadIds);
    }

    /** Every lead id the list holds. */
    public Set<Long> listMembers(long listId) {
        Set<Long> ids = new HashSet<>();
        String path = "/rest/v1/lists/" + listId + "/leads.json?fields=id&batchSize=300";
        String next = null;
        do {
            JsonNode envelope = callEnvelope("GET", next == null ? path : path + "&nextPageToken=" + encode(next), null, null);
            for (JsonNode lead : envelope.path("result")) {
                ids.add(lead.path("id").asLong());
            }
            String page = envelope.path("nextPageToken").asString(null);
            // Marketo gives a next page token only while more pages follow
            next = page != null && !page.isEmpty() && !envelope.path("result").isEmpty() ? page : null;
        } while (next != null);
        return ids;
    }

    private List<RecordResult> listCall(String method, long listId, List<Long> leadIds) {
        requireBatch(leadIds);
        ObjectNode body = XdmJson.mapper().createObjectNode();
        ArrayNode input = body.putArray("input");
        leadIds.forEach(id -> input.addObject().put("id", id));
        return records(call(method, "/rest/v1/lists/" + listId + "/leads.json", body.toString(), "application/json"),
                leadIds.size());
    }

    private void requireBatch(List<?> values) {
        if (values.isEmpty() || values.size() > properties.batchSize()) {
            throw new IllegalArgumentException("a Marketo batch holds 1.." + properties.batchSize() + " values, not " + values.size());
        }
    }

    private static List<RecordResult> records(JsonNode result, int expected) {
        List<RecordResult> records = new ArrayList<>(expected);
        for (JsonNode r : result) {
            JsonNode reasons = r.path("reasons");
            String reason = reasons.isArray() && !reasons.isEmpty()
                    ? reasons.get(0).path("code").asString("") + ": " + reasons.get(0).path("message").asString("")
                    : null;
            records.add(new RecordResult(r.has("id") ? r.get("id").asLong() : null, r.path("status").asString(null), reason));
        }
        while (records.size() < expected) {
            records.add(new RecordResult(null, null, "no result for this record"));
        }
        return records;
    }

    /** The {@code result} of a successful call. */
    private JsonNode call(String method, String path, String body, String contentType) {
        return callEnvelope(method, path, body, contentType).path("result");
    }

    private JsonNode callEnvelope(String method, String path, String body, String contentType) {
        long backoff = properties.backoffInitial().toMillis();
        int tokenRenewals = 0;
        MarketoException last = null;
        for (int attempt = 1; attempt <= properties.attempts(); attempt++) {
            String bearer = tokens.current(properties.attempts());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(transport.base() + path))
                    .timeout(properties.requestTimeout())
                    .header("Authorization", "Bearer " + bearer)
                    .header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            MarketoTransport.Answer answer = transport.send(request.build());
            if (answer.status() >= 500 || answer.status() == 0) {
                last = new MarketoException(answer.status() == 0 ? "io" : String.valueOf(answer.status()),
                        "Marketo answered " + (answer.status() == 0 ? answer.body() : "HTTP " + answer.status()), false);
            } else if (answer.status() == 401) {
                tokens.invalidate(bearer);
                last = new MarketoException("401", "Marketo refused the access token", false);
                if (++tokenRenewals > 2) {
                    throw last;
                }
                continue;
            } else if (answer.status() >= 400) {
                throw new MarketoException(String.valueOf(answer.status()), "Marketo answered HTTP " + answer.status()
                        + " to " + method + " " + stripQuery(path), false);
            } else {
                JsonNode envelope = XdmJson.mapper().readTree(answer.body());
                if (envelope.path("success").asBoolean(false)) {
                    return envelope;
                }
                JsonNode error = envelope.path("errors").path(0);
                String code = error.path("code").asString("unknown");
                String message = error.path("message").asString("");
                if (TOKEN.contains(code)) {
                    tokens.invalidate(bearer);
                    last = new MarketoException(code, "Marketo " + code + ": " + message, false);
                    if (++tokenRenewals > 2) {
                        throw last;
                    }
                    continue;
                }
                if (!RETRIED.contains(code)) {
                    throw new MarketoException(code, "Marketo " + code + ": " + message, false);
                }
                last = new MarketoException(code, "Marketo " + code + ": " + message, false);
            }
            log.debug("Marketo {} on {} {}, attempt {}; retrying in {} ms", last.code(), method, stripQuery(path), attempt, backoff);
            MarketoTransport.pause(backoff);
            backoff = Math.min(backoff * 2, properties.backoffMax().toMillis());
        }
        throw last;
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static String encode(String value) {
        return MarketoTransport.encode(value);
    }
}
