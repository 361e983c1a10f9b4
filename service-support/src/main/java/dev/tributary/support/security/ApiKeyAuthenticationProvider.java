package dev.tributary.support.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Turns a presented bearer key into the caller's {@link ApiKeyAuthentication}. As a bean it is also
 * what keeps Spring Boot from configuring a generated user and password the services do not use.
 */
public class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    /** A key as presented, not yet recognised. */
    static final class PresentedKey extends UsernamePasswordAuthenticationToken {
        PresentedKey(String key) {
            super("bearer", key);
        }
    }

    private final ApiKeys keys;

    ApiKeyAuthenticationProvider(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String presented = String.valueOf(authentication.getCredentials());
        return keys.recognise(presented).map(ApiKeyAuthentication::new)
                .orElseThrow(() -> new BadCredentialsException("The API key is unknown or revoked"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PresentedKey.class.isAssignableFrom(authentication);
    }
}
