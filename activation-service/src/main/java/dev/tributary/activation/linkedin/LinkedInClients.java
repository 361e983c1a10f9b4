package dev.tributary.activation.linkedin;

import org.springframework.stereotype.Component;

import java.net.http.HttpClient;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Clients per endpoint, with per-minute windows of {@code /users} and {@code /companies} calls per access token. */
@Component
public class LinkedInClients {

    private final LinkedInProperties properties;
    private final HttpClient http;
    private final ConcurrentMap<String, Deque<Long>> windows = new ConcurrentHashMap<>();

    LinkedInClients(LinkedInProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public LinkedInClient client(LinkedInEndpoint endpoint) {
        return new LinkedInClient(endpoint, http, properties,
                windows.computeIfAbsent("users|" + endpoint.accessToken(), t -> LinkedInClient.window()),
                windows.computeIfAbsent("companies|" + endpoint.accessToken(), t -> LinkedInClient.window()));
    }

    public int elementsPerCall() {
        return properties.elementsPerCall();
    }
}
