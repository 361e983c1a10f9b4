package dev.tributary.emulators.dynamics;

import dev.tributary.emulators.EmulatorClock;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Dataverse environments this emulator hosts, by instance id (each served under /dynamics/{instanceId}). */
@Component
public class DynamicsRegistry {

    private final DynamicsProperties properties;
    private final EmulatorClock clock;
    private final Map<String, DynamicsOrg> orgs = new ConcurrentHashMap<>();

    DynamicsRegistry(DynamicsProperties properties, EmulatorClock clock) {
        this.properties = properties;
        this.clock = clock;
        properties.instances().forEach(this::add);
    }

    /** Adds an environment, or answers the existing one when its credentials are the same. */
    public DynamicsOrg add(DynamicsProperties.Instance credentials) {
        if (credentials.instanceId() == null || !credentials.instanceId().matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("instanceId must be letters, digits and '-', e.g. crm-2");
        }
        if (credentials.clientId() == null || credentials.clientSecret() == null) {
            throw new IllegalArgumentException("clientId and clientSecret are required");
        }
        DynamicsOrg org = orgs.computeIfAbsent(credentials.instanceId(), id -> new DynamicsOrg(credentials, properties, clock));
        if (!org.clientId().equals(credentials.clientId()) || !org.clientSecret().equals(credentials.clientSecret())) {
            throw new IllegalArgumentException("environment " + credentials.instanceId() + " exists with other credentials");
        }
        return org;
    }

    public DynamicsOrg find(String instanceId) {
        return orgs.get(instanceId);
    }

    public List<DynamicsOrg> all() {
        return orgs.values().stream().sorted(Comparator.comparing(DynamicsOrg::instanceId)).toList();
    }

    public void reset() {
        orgs.values().forEach(org -> org.reset(properties));
    }
}
