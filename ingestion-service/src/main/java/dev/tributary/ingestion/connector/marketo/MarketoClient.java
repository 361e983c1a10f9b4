package dev.tributary.ingestion.connector.marketo;

import dev.tributary.ingestion.connector.ConnectorContext;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.xdm.json.XdmJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Marketo's identity, REST and bulk endpoints over the framework's HTTP (its rate budget counts every call). Every
 * failure leaves as a classified {@link ConnectorException}; errors inside an HTTP 200 are read from the envelope.
 */
final class MarketoClient {

    /** Marketo's daily quota and bulk export allocation reset at 00:00 CST. */
    private static final ZoneOffset CST = ZoneOffset.ofHours(-6);
    private static final Set<String> TRANSIENT = Set.of("604", "608", "611", "713", "1016");

    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;
    private final Duration timeout;
    private final ConnectorContext context;
    private String token;

    MarketoClient(String baseUrl, String clientId, String clientSecret, Duration timeout, ConnectorContext context) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeout = timeout;
        this.context = context;
    }

    /** The client-credentials token, asked for once per task (a 601/602 makes the framework open a new task). */
    String token() {
        if (token != null) {
            return token;
        }
        // the credentials go in a form body, not the query string, so no URL (access logs, proxies) carries the secret
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
        HttpResponse<String> response = context.send(HttpRequest.newBuilder(URI.create(baseUrl + "/identity/oauth/token"))
                .timeout(timeout).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() == 401 || response.statusCode() == 400) {
            throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION,
                    "Marketo refused the client credentials (HTTP " + response.statusCode() + ")", null, "clientSecret", null);
        }
        checkStatus(response, "the identity call");
        JsonNode body = parse(response.body(), "the identity call");
        if (!body.hasNonNull("access_token")) {
            throw ConnectorException.permanent("the identity call answered no access_token");
        }
        token = body.get("access_token").asString();
        return token;
    }

    /** GET {@code /rest{pathAndQuery}}: the envelope's {@code result} holder, once {@code success} is true. */
    JsonNode get(String pathAndQuery) {
        return envelope(send(request("/rest" + pathAndQuery).GET()), pathAndQuery);
    }

    /** POST to a bulk path ({@code /bulk/v1/...}) with a JSON body, or none. */
    JsonNode postBulk(String path, String json) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return envelope(send(request), path);
    }

    JsonNode getBulk(String path) {
        return envelope(send(request(path).GET()), path);
    }

    /** A completed export's file (CSV). */
    String file(String path) {
        HttpResponse<String> response = send(request(path).GET());
        if (response.statusCode() == 404) {
            throw ConnectorException.retriable("the export file is not there yet (HTTP 404)", null);
        }
        checkStatus(response, path);
        String body = response.body();
        if (body.startsWith("{")) {
            // an envelope where a CSV was due: an error inside an HTTP 200, or a broken answer
            envelope(response, path);
            throw ConnectorException.permanent("malformed export file from " + path + ": JSON where CSV was due");
        }
        return body;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return context.send(request.build());
    }

    private JsonNode envelope(HttpResponse<String> response, String what) {
        checkStatus(response, what);
        JsonNode body = parse(response.body(), what);
        if (body.path("success").asBoolean(false)) {
            return body;
        }
        JsonNode error = body.path("errors").path(0);
        String code = error.path("code").asString("");
        String message = "Marketo " + code + " " + error.path("message").asString("") + " (" + pathOf(what) + ")";
        switch (code) {
            case "601", "602" -> throw ConnectorException.authentication(message);
            case "606" -> throw ConnectorException.rateLimited(message, Duration.ofSeconds(20));
            case "615" -> throw ConnectorException.rateLimited(message, Duration.ofSeconds(1));
            case "607" -> throw ConnectorException.rateLimited(message, untilQuotaResets());
            case "1029" -> throw message.toLowerCase().contains("quota")
                    ? ConnectorException.rateLimited(message, untilQuotaResets())
                    : ConnectorException.rateLimited(message, Duration.ofMinutes(1));
            default -> {
                if (TRANSIENT.contains(code)) {
                    throw ConnectorException.retriable(message, null);
                }
                throw ConnectorException.permanent(message);
            }
        }
    }

    private static void checkStatus(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        if (status == 429) {
            throw ConnectorException.rateLimited("HTTP 429 from Marketo (" + pathOf(what) + ")", Duration.ofSeconds(20));
        }
        if (status >= 500) {
            throw ConnectorException.retriable("HTTP " + status + " from Marketo (" + pathOf(what) + ")", null);
        }
        if (status != 200 && status != 206) {
            throw ConnectorException.permanent("HTTP " + status + " from Marketo (" + pathOf(what) + ")");
        }
    }

    private static JsonNode parse(String body, String what) {
        try {
            JsonNode node = XdmJson.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw ConnectorException.permanent("malformed answer from Marketo (" + pathOf(what) + "): not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw ConnectorException.permanent("malformed answer from Marketo (" + pathOf(what) + "): "
                    + e.getOriginalMessage());
        }
    }

    private Duration untilQuotaResets() {
        Instant now = context.clock().instant();
        Instant midnight = LocalDate.ofInstant(now, CST).plusDays(1).atStartOfDay().toInstant(CST);
        return Duration.between(now, midnight);
    }

    /** The path without its query: the query may be long, and the identity call's holds the secret. */
    private static String pathOf(String what) {
        int query = what.indexOf('?');
        return query < 0 ? what : what.substring(0, query);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
