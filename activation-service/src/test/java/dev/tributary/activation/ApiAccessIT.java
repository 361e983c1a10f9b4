package dev.tributary.activation;

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

@ActivationIntegrationTest
class ApiAccessIT {

    /** The access table as the README documents it; a route missing here fails the first test. */
    static final Map<Route, Set<Scope>> ALLOWED = ApiAccessProbe.withApiKeyRoutes(Map.ofEntries(
            Map.entry(new Route("POST", "/v1/destinations"), Set.of(Scope.ADMIN)),
            Map.entry(new Route("GET", "/v1/destinations"), Set.of(Scope.READ)),
            Map.entry(new Route("GET", "/v1/destinations/{id}"), Set.of(Scope.READ)),
            Map.entry(new Route("PUT", "/v1/destinations/{id}"), Set.of(Scope.ADMIN)),
            Map.entry(new Route("DELETE", "/v1/destinations/{id}"), Set.of(Scope.ADMIN)),
            Map.entry(new Route("POST", "/v1/destinations/{id}/test"), Set.of(Scope.ADMIN)),
            Map.entry(new Route("POST", "/v1/activations"), Set.of(Scope.SEGMENTS)),
            Map.entry(new Route("GET", "/v1/activations"), Set.of(Scope.READ, Scope.SEGMENTS)),
            Map.entry(new Route("GET", "/v1/activations/{id}"), Set.of(Scope.READ, Scope.SEGMENTS)),
            Map.entry(new Route("GET", "/v1/activations/{id}/deliveries"), Set.of(Scope.READ, Scope.SEGMENTS)),
            Map.entry(new Route("POST", "/v1/activations/{id}/reconcile"), Set.of(Scope.SEGMENTS)),
            Map.entry(new Route("DELETE", "/v1/activations/{id}"), Set.of(Scope.SEGMENTS))));

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
        assertThat(new ApiAccessProbe(port, TestUpstreams.TOKEN).violations(ALLOWED)).isEmpty();
    }
}
