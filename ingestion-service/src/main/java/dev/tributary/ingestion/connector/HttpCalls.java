package dev.tributary.ingestion.connector;

import dev.tributary.xdm.json.XdmJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What the connectors' HTTP clients share: URLs from configuration, forms, lenient JSON, the token request. */
public final class HttpCalls {

    private HttpCalls() {
    }

    /** The URL, or a bad configuration at {@code field} when it is none. */
    public static URI uri(String url, String field) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ConnectorException.badConfig(field, "not a URL: " + e.getMessage());
        }
    }

    /** Percent-encoding for a query value or a form field (a space as {@code %20}). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The body as JSON, or null when it is empty or not JSON (an error page). */
    public static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return XdmJson.mapper().readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * Posts an OAuth 2.0 client-credentials form. While validating a configuration, an endpoint that does not answer
     * is a bad configuration at {@code field}, {@code unreachable} saying which; otherwise the failure stays retriable.
     */
    public static HttpResponse<String> postTokenForm(ConnectorContext context, URI tokenUri, String form, Duration timeout,
                                                     boolean validating, String field, String unreachable) {
        HttpRequest request = HttpRequest.newBuilder(tokenUri).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return context.send(request);
        } catch (ConnectorException e) {
            if (validating) {
                throw ConnectorException.badConfig(field, unreachable + ": " + e.getMessage());
            }
            throw e;
        }
    }
}
