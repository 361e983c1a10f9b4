package dev.tributary.emulators.salesforce;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Salesforce emulator settings: the orgs it hosts (one per instance id, under /salesforce/{instanceId}) and the
 * documented limits every org applies.
 */
@ConfigurationProperties("cdp.emulators.salesforce")
public record SalesforceProperties(List<Instance> instances, Long dailyApiLimit, Duration locatorLifetime) {

    public SalesforceProperties {
        instances = instances == null ? List.of() : List.copyOf(instances);
        dailyApiLimit = dailyApiLimit == null ? 100_000L : dailyApiLimit;
        locatorLifetime = locatorLifetime == null ? Duration.ofMinutes(15) : locatorLifetime;
    }

    /** One org: its id in the emulator's URLs and its connected app's client credentials. */
    public record Instance(String instanceId, String clientId, String clientSecret) {
    }
}
