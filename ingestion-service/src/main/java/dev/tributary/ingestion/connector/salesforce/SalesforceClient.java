package dev.tributary.ingestion.connector.salesforce;

import dev.tributary.ingestion.connector.ConnectorContext;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.HttpCalls;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tributary.ingestion.connector.HttpCalls.encode;
import static dev.tributary.ingestion.connector.HttpCalls.json;

/**
 * Salesforce's REST API for one run: a client-credentials session, queryAll and its nextRecordsUrl pages, each answer
 * classified (ADR 0029). Remembers the daily usage every answer reports in {@code Sforce-Limit-Info} and stops calling
 * once it passes the configured share.
 */
final class SalesforceClient {

    /** REQUEST_LIMIT_EXCEEDED and our own usage ceiling: the daily limit is a rolling 24 hours, so try an hour later. */
    static final Duration LIMIT_WAIT = Duration.ofHours(1);
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    /** The nextRecordsUrl named a locator Salesforce no longer holds (INVALID_QUERY_LOCATOR, after 15 minutes). */
    static final class StaleLocator extends RuntimeException {
        StaleLocator() {
            super("INVALID_QUERY_LOCATOR", null, false, false);
        }
    }

    private final ConnectorContext context;
    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;
    private final String apiVersion;
    private final int batchSize;
    private final int maxApiUsagePercent;
    private final Duration timeout;
    private String accessToken;
    private String instanceUrl;
    private long apiUsed = -1;
    private long apiLimit = -1;

    SalesforceClient(ConnectorContext context, String baseUrl, String clientId, String clientSecret, String apiVersion,
                     int batchSize, int maxApiUsagePercent, Duration timeout) {
        this.context = context;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.apiVersion = apiVersion;
        this.batchSize = batchSize;
        this.maxApiUsagePercent = maxApiUsagePercent;
        this.timeout = timeout;
    }

    /** The OAuth 2.0 client credentials flow; failures name the configuration field they concern. */
    void authenticate(boolean validating) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
        HttpResponse<String> response = HttpCalls.postTokenForm(context, uri(baseUrl + "/services/oauth2/token"), form, timeout,
                validating, "baseUrl", "Salesforce is not reachable at " + baseUrl);
        JsonNode body = json(response.body());
        if (response.statusCode() == 200 && body != null && body.hasNonNull("access_token") && body.hasNonNull("instance_url")) {
            accessToken = body.get("access_token").asString();
            instanceUrl = body.get("instance_url").asString().replaceAll("/+$", "");
            return;
        }
        if (response.statusCode() >= 500) {
            throw ConnectorException.retriable("Salesforce's token endpoint answered HTTP " + response.statusCode(), null);
        }
        String error = body == null ? null : body.path("error").asString(null);
        String description = body == null ? null : body.path("error_description").asString(null);
        if (error == null) {
            throw ConnectorException.badConfig("baseUrl", "no Salesforce token endpoint at " + baseUrl + " (HTTP "
                    + response.statusCode() + ")");
        }
        String field = switch (error) {
            case "invalid_client_id" -> "clientId";
            case "invalid_client", "unauthorized_client" -> "clientSecret";
            default -> "baseUrl";
        };
        throw ConnectorException.badConfig(field, "Salesforce refused the client credentials: " + error + " (" + description + ")");
    }

    /** The first page of a queryAll (deleted and merged rows included). */
    JsonNode queryAll(String soql) {
        return get("/services/data/v" + apiVersion + "/queryAll/?q=" + encode(soql), false);
    }

    /** A query whose rows are not needed: proves the session and the API version work. */
    JsonNode probe(String soql) {
        return get("/services/data/v" + apiVersion + "/query/?q=" + encode(soql), false);
    }

    /** The page a nextRecordsUrl names; {@link StaleLocator} when Salesforce no longer holds it. */
    JsonNode next(String nextRecordsUrl) {
        return get(nextRecordsUrl, true);
    }

    private JsonNode get(String path, boolean paging) {
        if (accessToken == null) {
            authenticate(false);
        }
        if (apiLimit > 0 && apiUsed * 100 >= apiLimit * maxApiUsagePercent) {
            throw ConnectorException.rateLimited("Salesforce API usage is " + apiUsed + " of " + apiLimit
                    + " daily requests, at or past the " + maxApiUsagePercent + "% this source may use", LIMIT_WAIT);
        }
        HttpRequest request = HttpRequest.newBuilder(uri(instanceUrl + path)).timeout(timeout)
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json")
                .header("Sforce-Query-Options", "batchSize=" + batchSize).GET().build();
        HttpResponse<String> response = context.send(request);
        response.headers().firstValue("Sforce-Limit-Info").ifPresent(this::readUsage);
        int status = response.statusCode();
        if (status == 200) {
            JsonNode page = json(response.body());
            if (page == null || !page.path("records").isArray() || !page.path("done").isBoolean()) {
                throw ConnectorException.permanent("Salesforce answered a malformed page (not a query result) for " + describe(path));
            }
            return page;
        }
        JsonNode error = json(response.body());
        JsonNode first = error != null && error.isArray() && !error.isEmpty() ? error.get(0) : null;
        String code = first == null ? "" : first.path("errorCode").asString("");
        String message = first == null ? "HTTP " + status : code + ": " + first.path("message").asString("");
        if (status == 401 || code.equals("INVALID_SESSION_ID")) {
            accessToken = null;
            throw ConnectorException.authentication("Salesforce session expired or invalid (" + message + ")");
        }
        if (code.equals("REQUEST_LIMIT_EXCEEDED")) {
            throw ConnectorException.rateLimited("Salesforce refused the call: " + message, LIMIT_WAIT);
        }
        if (status == 429) {
            throw ConnectorException.rateLimited("Salesforce answered 429", retryAfter(response));
        }
        if (paging && code.equals("INVALID_QUERY_LOCATOR")) {
            throw new StaleLocator();
        }
        if (status >= 500) {
            throw ConnectorException.retriable("Salesforce answered HTTP " + status + " (" + message + ") to " + describe(path), null);
        }
        throw ConnectorException.permanent("Salesforce refused " + describe(path) + " with HTTP " + status + ": " + message);
    }

    private void readUsage(String header) {
        Matcher m = API_USAGE.matcher(header);
        if (m.find()) {
            apiUsed = Long.parseLong(m.group(1));
            apiLimit = Long.parseLong(m.group(2));
        }
    }

    /** The daily API usage last reported, or -1 before the first API answer. */
    long apiUsed() {
        return apiUsed;
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(s -> {
            try {
                return Duration.ofSeconds(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(Duration.ofMinutes(1));
    }

    private static String describe(String path) {
        int q = path.indexOf("?q=");
        return q < 0 ? "the next page of a query" : "the query " + decode(path.substring(q + 3));
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static URI uri(String url) {
        return HttpCalls.uri(url, "baseUrl");
    }
}
