package dev.tributary.emulators.marketo;

import dev.tributary.emulators.CallGate;
import dev.tributary.emulators.EmulatorClock;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Marketo instances this emulator hosts, by munchkin id (each served under /marketo/{munchkinId}). */
@Component
public class MarketoRegistry {

    private final MarketoProperties properties;
    private final EmulatorClock clock;
    private final CallGate gate;
    private final Map<String, MarketoInstance> instances = new ConcurrentHashMap<>();

    MarketoRegistry(MarketoProperties properties, EmulatorClock clock, CallGate gate) {
        this.properties = properties;
        this.clock = clock;
        this.gate = gate;
        properties.instances().forEach(this::add);
    }

    /** Adds an instance, or answers the existing one when its credentials are the same. */
    public MarketoInstance add(MarketoProperties.Instance credentials) {
        if (credentials.munchkinId() == null || !credentials.munchkinId().matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("munchkinId must be letters, digits and '-', e.g. 123-ABC-456");
        }
        if (credentials.clientId() == null || credentials.clientSecret() == null) {
            throw new IllegalArgumentException("clientId and clientSecret are required");
        }
        MarketoInstance instance = instances.computeIfAbsent(credentials.munchkinId(),
                id -> new MarketoInstance(credentials, properties, clock, gate));
        if (!instance.clientId().equals(credentials.clientId()) || !instance.clientSecret().equals(credentials.clientSecret())) {
            throw new IllegalArgumentException("instance " + credentials.munchkinId() + " exists with other credentials");
        }
        return instance;
    }

    public MarketoInstance find(String munchkinId) {
        return instances.get(munchkinId);
    }

    /** The instance, or an {@link UnknownInstanceException} (404). */
    MarketoInstance require(String munchkinId) {
        MarketoInstance instance = instances.get(munchkinId);
        if (instance == null) {
            throw new UnknownInstanceException(munchkinId);
        }
        return instance;
    }

    public List<MarketoInstance> all() {
        return instances.values().stream().sorted(java.util.Comparator.comparing(MarketoInstance::munchkinId)).toList();
    }

    public void reset() {
        instances.values().forEach(instance -> instance.reset(properties));
    }
}
