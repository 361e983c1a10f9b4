package dev.tributary.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The API token every {@code /v1} call must present as {@code Authorization: Bearer <token>}.
 * Bound from {@code cdp.security.api-token}, which the services default to {@code ${CDP_API_TOKEN}}.
 * The one place authentication is decided, so that scopes can be added here later.
 */
@ConfigurationProperties("cdp.security")
public record SecurityProperties(String apiToken) {
}
