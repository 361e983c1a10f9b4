package dev.tributary.activation;

import dev.tributary.support.security.Scope;
import dev.tributary.support.security.ScopeRule;
import dev.tributary.support.security.ScopeRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Which scope each activation call needs. Destinations hold credentials: changing or testing them needs
 * admin (no rule); reading them (never their secrets) needs read. Every other {@code /v1} call needs admin.
 */
@Configuration(proxyBeanMethods = false)
class ApiAccess {

    @Bean
    ScopeRules activationAccess() {
        return ScopeRules.of(
                ScopeRule.allow(GET, "/v1/destinations", Scope.READ),
                ScopeRule.allow(GET, "/v1/destinations/{id}", Scope.READ),
                ScopeRule.allow(GET, "/v1/activations", Scope.READ, Scope.SEGMENTS),
                ScopeRule.allow(GET, "/v1/activations/**", Scope.READ, Scope.SEGMENTS),
                ScopeRule.allow(POST, "/v1/activations", Scope.SEGMENTS),
                ScopeRule.allow(POST, "/v1/activations/{id}/reconcile", Scope.SEGMENTS),
                ScopeRule.allow(DELETE, "/v1/activations/{id}", Scope.SEGMENTS));
    }
}
