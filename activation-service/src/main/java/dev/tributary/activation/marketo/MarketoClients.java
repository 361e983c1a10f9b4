package dev.tributary.activation.marketo;

import org.springframework.stereotype.Component;

import java.net.http.HttpClient;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Clients per endpoint, so that a token is reused until it expires, and one {@link CallLimiter} per Marketo
 * instance, shared by every activation and destination test reaching it.
 */
@Component
public class MarketoClients {

    private final MarketoProperties properties;
    private final HttpClient http;
    private final ConcurrentMap<String, CallLimiter> limiters = new ConcurrentHashMap<>();
    private final ConcurrentMap<MarketoEndpoint, MarketoClient> clients = new ConcurrentHashMap<>();

    MarketoClients(MarketoProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public MarketoClient client(MarketoEndpoint endpoint) {
        return clients.computeIfAbsent(endpoint, e -> new MarketoClient(e, http, limiter(e), properties));
    }

    /** A client with no cached token, for trying credentials. */
    public MarketoClient fresh(MarketoEndpoint endpoint) {
        return new MarketoClient(endpoint, http, limiter(endpoint), properties);
    }

    public long defaultFolderId() {
        return properties.defaultFolderId();
    }

    public int batchSize() {
        return properties.batchSize();
    }

    private CallLimiter limiter(MarketoEndpoint endpoint) {
        return limiters.computeIfAbsent(endpoint.instance(), i -> new CallLimiter(properties.callsPerWindow(),
                properties.window().toNanos(), properties.maxConcurrent()));
    }
}
