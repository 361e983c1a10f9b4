package dev.tributary.ingestion.connector.dynamics;

import dev.tributary.ingestion.connector.ConnectorContext;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.HttpCalls;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static dev.tributary.ingestion.connector.HttpCalls.encode;
import static dev.tributary.ingestion.connector.HttpCalls.json;
import static dev.tributary.ingestion.connector.HttpCalls.uri;

/**
 * The Dataverse Web API for one run: a client-credentials token from the Microsoft identity platform (renewed a minute
 * before it expires), entity set queries and their nextLinks, each answer classified (ADR 0029).
 */
final class DynamicsClient {

    static final String API = "/api/data/v9.2/";
    private static final String PREFER_ANNOTATIONS =
            "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.lookuplogicalname\"";

    private final ConnectorContext context;
    private final String baseUrl;
    private final String tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final int pageSize;
    private final boolean changeTracking;
    private final Duration timeout;
    private String accessToken;
    private Instant renewAt;

    DynamicsClient(ConnectorContext context, String baseUrl, String tokenUrl, String clientId, String clientSecret,
                   int pageSize, boolean changeTracking, Duration timeout) {
        this.context = context;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.pageSize = pageSize;
        this.changeTracking = changeTracking;
        this.timeout = timeout;
    }

    void authenticate(boolean validating) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret)
                + "&scope=" + encode(baseUrl + "/.default");
        HttpResponse<String> response = HttpCalls.postTokenForm(context, uri(tokenUrl, "tokenUrl"), form, timeout, validating,
                "tokenUrl", "the token endpoint is not reachable at " + tokenUrl);
        JsonNode body = json(response.body());
        if (response.statusCode() == 200 && body != null && body.hasNonNull("access_token")) {
            accessToken = body.get("access_token").asString();
            long seconds = body.path("expires_in").asLong(3599);
            renewAt = context.clock().instant().plusSeconds(Math.max(0, seconds - 60));
            return;
        }
        if (response.statusCode() >= 500) {
            throw ConnectorException.retriable("the Microsoft identity platform answered HTTP " + response.statusCode(), null);
        }
        String error = body == null ? null : body.path("error").asString(null);
        if (error == null) {
            throw ConnectorException.badConfig("tokenUrl", "no OAuth token endpoint at " + tokenUrl + " (HTTP " + response.statusCode() + ")");
        }
        String description = body.path("error_description").asString("");
        String field = description.startsWith("AADSTS700016") || error.equals("unauthorized_client") ? "clientId"
                : error.equals("invalid_client") ? "clientSecret"
                : error.equals("invalid_scope") || error.equals("invalid_resource") ? "baseUrl" : "tokenUrl";
        throw ConnectorException.badConfig(field, "the Microsoft identity platform refused the client credentials: " + error
                + " (" + firstLine(description) + ")");
    }

    /** The first page of rows of {@code entitySet} with these query options (already encoded). */
    JsonNode query(String entitySet, String options, boolean validating) {
        return get(baseUrl + API + entitySet + "?" + options, validating);
    }

    /** The page an @odata.nextLink names, followed unchanged. */
    JsonNode next(String nextLink) {
        return get(nextLink, false);
    }

    private JsonNode get(String url, boolean validating) {
        if (accessToken == null || !context.clock().instant().isBefore(renewAt)) {
            authenticate(false);
        }
        HttpRequest request = HttpRequest.newBuilder(uri(url, "baseUrl")).timeout(timeout)
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json")
                .header("OData-MaxVersion", "4.0").header("OData-Version", "4.0")
                .header("Prefer", "odata.maxpagesize=" + pageSize + "," + PREFER_ANNOTATIONS + (changeTracking ? ",odata.track-changes" : ""))
                .GET().build();
        HttpResponse<String> response;
        try {
            response = context.send(request);
        } catch (ConnectorException e) {
            if (validating) {
                throw ConnectorException.badConfig("baseUrl", "Dataverse is not reachable at " + baseUrl + ": " + e.getMessage());
            }
            throw e;
        }
        int status = response.statusCode();
        if (status == 200) {
            JsonNode page = json(response.body());
            if (page == null || !page.path("value").isArray()) {
                throw ConnectorException.permanent("Dataverse answered a malformed page (no value array) for " + describe(url));
            }
            return page;
        }
        JsonNode body = json(response.body());
        String message = body == null ? "HTTP " + status
                : body.path("error").path("code").asString("") + " " + body.path("error").path("message").asString("");
        if (status == 401) {
            accessToken = null;
            throw ConnectorException.authentication("Dataverse refused the access token (HTTP 401)");
        }
        if (status == 429) {
            throw ConnectorException.rateLimited("Dataverse service protection: " + message.trim(), retryAfter(response));
        }
        if (status >= 500) {
            throw ConnectorException.retriable("Dataverse answered HTTP " + status + " (" + message.trim() + ") to " + describe(url), null);
        }
        if (validating && status == 404) {
            throw ConnectorException.badConfig("baseUrl", "no Dataverse Web API at " + baseUrl + " (HTTP 404)");
        }
        throw ConnectorException.permanent("Dataverse refused " + describe(url) + " with HTTP " + status + ": " + message.trim());
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(s -> {
            try {
                return Duration.ofSeconds(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(Duration.ofSeconds(30));
    }

    private static String describe(String url) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        return "the query of " + path.substring(path.lastIndexOf('/') + 1);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).trim();
    }
}
