package dev.tributary.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Authentication settings, shared by every service.
 *
 * @param apiToken the bootstrap admin key ({@code CDP_API_TOKEN}); required
 * @param keyRefresh how often each service re-reads the stored keys, so a key revoked through another
 *                   service stops working within this time
 */
@ConfigurationProperties("cdp.security")
public record SecurityProperties(String apiToken, @DefaultValue("2s") Duration keyRefresh) {
}
