package dev.tributary.profile;

import dev.tributary.support.security.ApiAccessProbe;
import dev.tributary.support.security.ApiAccessProbe.Route;
import dev.tributary.support.security.Scope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ProfileIntegrationTest
class ApiAccessIT {

    /** The access table as the API documents it; a route missing here fails the first test. */
    static final Map<Route, Set<Scope>> ALLOWED = ApiAccessProbe.withApiKeyRoutes(Map.ofEntries(
            Map.entry(new Route("GET", "/v1/persons/{id}"), Set.of(Scope.READ)),
            Map.entry(new Route("GET", "/v1/persons"), Set.of(Scope.READ)),
            Map.entry(new Route("GET", "/v1/persons/{id}/events"), Set.of(Scope.READ)),
            Map.entry(new Route("GET", "/v1/accounts/{id}"), Set.of(Scope.READ)),
            Map.entry(new Route("GET", "/v1/accounts"), Set.of(Scope.READ)),
            Map.entry(new Route("GET", "/v1/guardrails"), Set.of(Scope.READ)),
            Map.entry(new Route("GET", "/v1/dead-letters"), Set.of(Scope.ADMIN)),
            Map.entry(new Route("GET", "/v1/dead-letters/{id}"), Set.of(Scope.ADMIN)),
            Map.entry(new Route("POST", "/v1/dead-letters/{id}/replay"), Set.of(Scope.ADMIN))));

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void shouldDeclareTheScopeOfEveryRoute() {
        assertThat(ApiAccessProbe.routes(mapping)).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
    }

    @Test
    void shouldNeverAnswerARouteWithoutAKeyOrWithAWrongScope() {
        assertThat(new ApiAccessProbe(port, "test-token").violations(ALLOWED)).isEmpty();
    }

    @Test
    void shouldStopAcceptingARevokedKeyWithinSeconds() {
        new ApiAccessProbe(port, "test-token").assertARevokedKeyStopsWorking("/v1/guardrails");
    }
}
