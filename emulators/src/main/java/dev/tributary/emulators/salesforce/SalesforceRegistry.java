package dev.tributary.emulators.salesforce;

import dev.tributary.emulators.EmulatorClock;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Salesforce orgs this emulator hosts, by instance id (each served under /salesforce/{instanceId}). */
@Component
public class SalesforceRegistry {

    private final SalesforceProperties properties;
    private final EmulatorClock clock;
    private final Map<String, SalesforceOrg> orgs = new ConcurrentHashMap<>();

    SalesforceRegistry(SalesforceProperties properties, EmulatorClock clock) {
        this.properties = properties;
        this.clock = clock;
        properties.instances().forEach(this::add);
    }

    /** Adds an org, or answers the existing one when its credentials are the same. */
    public SalesforceOrg add(SalesforceProperties.Instance credentials) {
        if (credentials.instanceId() == null || !credentials.instanceId().matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("instanceId must be letters, digits and '-', e.g. crm-1");
        }
        if (credentials.clientId() == null || credentials.clientSecret() == null) {
            throw new IllegalArgumentException("clientId and clientSecret are required");
        }
        SalesforceOrg org = orgs.computeIfAbsent(credentials.instanceId(), id -> new SalesforceOrg(credentials, properties, clock));
        if (!org.clientId().equals(credentials.clientId()) || !org.clientSecret().equals(credentials.clientSecret())) {
            throw new IllegalArgumentException("org " + credentials.instanceId() + " exists with other credentials");
        }
        return org;
    }

    public SalesforceOrg find(String instanceId) {
        return orgs.get(instanceId);
    }

    public List<SalesforceOrg> all() {
        return orgs.values().stream().sorted(Comparator.comparing(SalesforceOrg::instanceId)).toList();
    }

    public void reset() {
        orgs.values().forEach(org -> org.reset(properties));
    }
}
