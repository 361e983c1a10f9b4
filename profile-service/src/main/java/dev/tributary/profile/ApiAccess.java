package dev.tributary.profile;

import dev.tributary.support.security.Scope;
import dev.tributary.support.security.ScopeRule;
import dev.tributary.support.security.ScopeRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.springframework.http.HttpMethod.GET;

/** Which scope each profile call needs; every other {@code /v1} call (dead letters, keys) needs admin. */
@Configuration(proxyBeanMethods = false)
class ApiAccess {

    @Bean
    ScopeRules profileAccess() {
        return ScopeRules.of(
                ScopeRule.allow(GET, "/v1/persons/**", Scope.READ),
                ScopeRule.allow(GET, "/v1/persons", Scope.READ),
                ScopeRule.allow(GET, "/v1/accounts/**", Scope.READ),
                ScopeRule.allow(GET, "/v1/accounts", Scope.READ),
                ScopeRule.allow(GET, "/v1/guardrails", Scope.READ));
    }
}
