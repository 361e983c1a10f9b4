package dev.tributary.activation.marketo;

import tools.jackson.databind.JsonNode;
import dev.tributary.xdm.json.XdmJson;

import java.net.URI;
import java.net.http.HttpRequest;

/** One instance's client-credentials token: renewed {@code tokenRenewBefore} ahead of expiry and after 601/602. */
final class MarketoTokens {

    /** A token this close to its expiry is not sent: the call could arrive after it (602). */
    private static final long LAST_MOMENT_MILLIS = 2000;

    private final MarketoEndpoint endpoint;
    private final MarketoTransport transport;
    private final MarketoProperties properties;
    private String token;
    private long tokenExpiresAt;
    /** When to ask Identity next: {@code tokenRenewBefore} ahead of expiry, or just before it (see current). */
    private long renewAt;

    MarketoTokens(MarketoEndpoint endpoint, MarketoTransport transport, MarketoProperties properties) {
        this.endpoint = endpoint;
        this.transport = transport;
        this.properties = properties;
    }

    /** Forgets the token and asks for one with a single attempt: the credentials check. */
    synchronized void renew() {
        token = null;
        current(1);
    }

    synchronized void invalidate(String bearer) {
        if (bearer.equals(token)) {
            token = null;
        }
    }

    /** A token with more than {@code tokenRenewBefore} left, asking Identity for a new one when needed. */
    synchronized String current(int attempts) {
        long now = System.currentTimeMillis();
        if (token != null && now < renewAt) {
            return token;
        }
        if (token != null && now < tokenExpiresAt && tokenExpiresAt - now <= LAST_MOMENT_MILLIS) {
            // Identity hands out the current token until it expires: let it expire rather than send it to die in flight
            MarketoTransport.pause(tokenExpiresAt - now);
        }
        long backoff = properties.backoffInitial().toMillis();
        for (int attempt = 1; ; attempt++) {
            String query = "?grant_type=client_credentials&client_id=" + MarketoTransport.encode(endpoint.clientId())
                    + "&client_secret=" + MarketoTransport.encode(endpoint.clientSecret());
            long asked = System.currentTimeMillis();
            MarketoTransport.Answer answer = transport.send(HttpRequest.newBuilder(URI.create(transport.base() + "/identity/oauth/token" + query))
                    .timeout(properties.requestTimeout()).header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            if (answer.status() == 200) {
                JsonNode body = XdmJson.mapper().readTree(answer.body());
                if (body.hasNonNull("access_token")) {
                    String issued = body.get("access_token").asString();
                    long expiresAt = asked + body.path("expires_in").asLong(0) * 1000;
                    boolean renewed = !issued.equals(token) && expiresAt - asked > properties.tokenRenewBefore().toMillis();
                    // the same token again (Marketo renews none before it expires): keep it until just before its end,
                    // without asking again at every call
                    renewAt = renewed ? expiresAt - properties.tokenRenewBefore().toMillis() : expiresAt - LAST_MOMENT_MILLIS;
                    token = issued;
                    tokenExpiresAt = expiresAt;
                    return token;
                }
            }
            boolean retried = answer.status() == 0 || answer.status() >= 500 || answer.status() == 200;
            if (!retried || attempt >= attempts) {
                boolean credentials = answer.status() == 400 || answer.status() == 401 || answer.status() == 403;
                throw new MarketoException(answer.status() == 0 ? "io" : String.valueOf(answer.status()),
                        credentials ? "Marketo refused the client id and secret (HTTP " + answer.status() + ")"
                                : "Marketo Identity answered " + (answer.status() == 0 ? answer.body() : "HTTP " + answer.status()),
                        credentials);
            }
            MarketoTransport.pause(backoff);
            backoff = Math.min(backoff * 2, properties.backoffMax().toMillis());
        }
    }
}
