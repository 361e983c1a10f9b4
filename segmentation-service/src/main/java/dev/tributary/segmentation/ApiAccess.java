package dev.tributary.segmentation;

import dev.tributary.support.security.Scope;
import dev.tributary.support.security.ScopeRule;
import dev.tributary.support.security.ScopeRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/** Which scope each segmentation call needs; every other {@code /v1} call (keys) needs admin. */
@Configuration(proxyBeanMethods = false)
class ApiAccess {

    @Bean
    ScopeRules segmentationAccess() {
        return ScopeRules.of(
                // a preview reads and changes nothing: a reader may try a query
                ScopeRule.allow(POST, "/v1/segments/preview", Scope.SEGMENTS, Scope.READ),
                ScopeRule.allow(GET, "/v1/segments", Scope.READ, Scope.SEGMENTS),
                ScopeRule.allow(GET, "/v1/segments/**", Scope.READ, Scope.SEGMENTS),
                ScopeRule.allow(POST, "/v1/segments", Scope.SEGMENTS),
                ScopeRule.allow(PUT, "/v1/segments/{id}", Scope.SEGMENTS),
                ScopeRule.allow(DELETE, "/v1/segments/{id}", Scope.SEGMENTS),
                ScopeRule.allow(POST, "/v1/segments/{segmentId}/evaluations", Scope.SEGMENTS));
    }
}
