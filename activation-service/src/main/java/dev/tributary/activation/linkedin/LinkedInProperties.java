package dev.tributary.activation.linkedin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the service talks to LinkedIn's Marketing API (DMP segments).
 *
 * @param version            the {@code LinkedIn-Version} header (YYYYMM); LinkedIn supports each version about a year
 * @param sourcePlatform     the partner enum LinkedIn assigned, sent when creating a segment
 * @param usersCallsPerMinute calls to {@code /users} per access token per minute (LinkedIn: 600)
 * @param companiesCallsPerMinute calls to {@code /companies} per access token per minute (LinkedIn: 300)
 * @param elementsPerCall    ADD/REMOVE elements per {@code /users} or {@code /companies} call
 * @param backoffInitial     first wait after a 429, 5xx, timeout or a new segment's 404; doubled per attempt
 * @param backoffMax         longest wait between attempts
 * @param attempts           attempts per call before the delivery run gives up and retries later
 * @param connectTimeout     TCP connect timeout
 * @param requestTimeout     whole-call timeout
 */
@ConfigurationProperties("cdp.activation.linkedin")
public record LinkedInProperties(@DefaultValue("202611") String version, @DefaultValue("TRIBUTARY") String sourcePlatform,
                                 @DefaultValue("500") int usersCallsPerMinute,
                                 @DefaultValue("250") int companiesCallsPerMinute, @DefaultValue("1000") int elementsPerCall,
                                 @DefaultValue("1s") Duration backoffInitial, @DefaultValue("30s") Duration backoffMax,
                                 @DefaultValue("8") int attempts, @DefaultValue("5s") Duration connectTimeout,
                                 @DefaultValue("30s") Duration requestTimeout) {
}
