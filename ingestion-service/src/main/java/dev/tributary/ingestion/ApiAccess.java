package dev.tributary.ingestion;

import dev.tributary.support.security.Scope;
import dev.tributary.support.security.ScopeRule;
import dev.tributary.support.security.ScopeRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/** Which scope each ingestion call needs; every other {@code /v1} call (managing sources and
 * their runs, keys) needs admin. */
@Configuration(proxyBeanMethods = false)
class ApiAccess {

    @Bean
    ScopeRules ingestionAccess() {
        return ScopeRules.of(
                ScopeRule.allow(POST, "/v1/sources/{sourceId}/records", Scope.INGEST).sourceInPath("sourceId"),
                ScopeRule.allow(POST, "/v1/events", Scope.INGEST).sourceInQuery("sourceId"),
                ScopeRule.allow(GET, "/v1/batches/{batchId}", Scope.INGEST, Scope.READ),
                ScopeRule.allow(GET, "/v1/sources", Scope.INGEST, Scope.READ),
                ScopeRule.allow(GET, "/v1/sources/{id}", Scope.INGEST, Scope.READ),
                ScopeRule.allow(GET, "/v1/sources/{id}/runs", Scope.READ),
                ScopeRule.allow(GET, "/v1/sources/{id}/runs/{runId}", Scope.READ),
                ScopeRule.allow(GET, "/v1/source-types", Scope.READ));
    }
}
