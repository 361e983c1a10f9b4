package dev.tributary.emulators.dynamics;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Dynamics 365 emulator settings: the environments it hosts (one per instance id, under /dynamics/{instanceId}) and
 * the service protection limit every one applies.
 */
@ConfigurationProperties("cdp.emulators.dynamics")
public record DynamicsProperties(List<Instance> instances, Duration tokenLifetime, Integer requestsPerWindow, Duration window) {

    public DynamicsProperties {
        instances = instances == null ? List.of() : List.copyOf(instances);
        tokenLifetime = tokenLifetime == null ? Duration.ofSeconds(3599) : tokenLifetime;
        requestsPerWindow = requestsPerWindow == null ? 6000 : requestsPerWindow;
        window = window == null ? Duration.ofSeconds(300) : window;
    }

    /** One environment: its id in the emulator's URLs and its app registration's client credentials. */
    public record Instance(String instanceId, String clientId, String clientSecret) {
    }
}
