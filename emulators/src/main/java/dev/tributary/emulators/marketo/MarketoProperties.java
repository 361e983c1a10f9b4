package dev.tributary.emulators.marketo;

import dev.tributary.emulators.LimitMode;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Marketo emulator settings: the instances it hosts (one per munchkin id, under /marketo/{munchkinId}) and the
 * documented limits every instance applies.
 */
@ConfigurationProperties("cdp.emulators.marketo")
public record MarketoProperties(List<Instance> instances, Duration tokenLifetime, Integer rateLimit, Duration rateWindow,
                                Integer maxConcurrent, Long dailyQuota, Integer maxBatch, LimitMode limitMode) {

    public MarketoProperties {
        instances = instances == null ? List.of() : List.copyOf(instances);
        tokenLifetime = tokenLifetime == null ? Duration.ofSeconds(3600) : tokenLifetime;
        rateLimit = rateLimit == null ? 100 : rateLimit;
        rateWindow = rateWindow == null ? Duration.ofSeconds(20) : rateWindow;
        maxConcurrent = maxConcurrent == null ? 10 : maxConcurrent;
        dailyQuota = dailyQuota == null ? 50_000L : dailyQuota;
        maxBatch = maxBatch == null ? 300 : maxBatch;
        limitMode = limitMode == null ? LimitMode.ENFORCE : limitMode;
    }

    /** One Marketo subscription: its munchkin id and the client credentials of its API-only user. */
    public record Instance(String munchkinId, String clientId, String clientSecret) {
    }
}
