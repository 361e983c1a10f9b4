package dev.tributary.emulators.linkedin;

import dev.tributary.emulators.LimitMode;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * LinkedIn emulator settings: the bearer tokens it accepts, the documented per-member call limits of
 * {@code /users} and {@code /companies}, and how long a new segment answers 404.
 */
@ConfigurationProperties("cdp.emulators.linkedin")
public record LinkedInProperties(List<String> accessTokens, Integer usersCallsPerMinute, Integer companiesCallsPerMinute,
                                 Integer maxElements, Integer newSegmentNotFoundCalls, Duration newSegmentNotFoundFor,
                                 Integer activeVersionMonths, LimitMode limitMode) {

    public LinkedInProperties {
        accessTokens = accessTokens == null ? List.of() : List.copyOf(accessTokens);
        usersCallsPerMinute = usersCallsPerMinute == null ? 600 : usersCallsPerMinute;
        companiesCallsPerMinute = companiesCallsPerMinute == null ? 300 : companiesCallsPerMinute;
        maxElements = maxElements == null ? 5000 : maxElements;
        newSegmentNotFoundCalls = newSegmentNotFoundCalls == null ? 1 : newSegmentNotFoundCalls;
        newSegmentNotFoundFor = newSegmentNotFoundFor == null ? Duration.ZERO : newSegmentNotFoundFor;
        activeVersionMonths = activeVersionMonths == null ? 12 : activeVersionMonths;
        limitMode = limitMode == null ? LimitMode.ENFORCE : limitMode;
    }
}
