package dev.tributary.console;

import dev.tributary.console.security.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The console's settings (prefix {@code cdp.console}).
 *
 * @param apiKey the console's own API key for every service call (ADR 0030)
 * @param ingestionUrl ingestion-service's base URL
 * @param profileUrl profile-service's base URL
 * @param segmentationUrl segmentation-service's base URL
 * @param activationUrl activation-service's base URL
 * @param users who may log in: name, bcrypt hash of the password, role
 * @param callTimeout how long one call to a service may take
 * @param sampleInterval how often the overview's charts are sampled (kept in memory)
 */
@ConfigurationProperties("cdp.console")
public record ConsoleProperties(String apiKey,
                                @DefaultValue("http://localhost:8081") String ingestionUrl,
                                @DefaultValue("http://localhost:8082") String profileUrl,
                                @DefaultValue("http://localhost:8083") String segmentationUrl,
                                @DefaultValue("http://localhost:8084") String activationUrl,
                                @DefaultValue List<User> users,
                                @DefaultValue("10s") Duration callTimeout,
                                @DefaultValue("30s") Duration sampleInterval) {

    /** One console user; {@code passwordHash} is a bcrypt hash ({@code $2a$...}). */
    public record User(String name, String passwordHash, Role role) {
    }
}
