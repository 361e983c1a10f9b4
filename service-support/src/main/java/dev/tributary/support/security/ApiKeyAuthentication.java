package dev.tributary.support.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated caller: the key's scopes are its authorities ({@code SCOPE_ingest}). */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKey key;

    public ApiKeyAuthentication(ApiKey key) {
        super(key.scopes().stream().map(s -> new SimpleGrantedAuthority(s.authority())).toList());
        this.key = key;
        setAuthenticated(true);
    }

    public ApiKey key() {
        return key;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return key;
    }

    @Override
    public String getName() {
        return key.name();
    }
}
