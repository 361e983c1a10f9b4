package dev.tributary.segmentation;

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

@SegmentationIntegrationTest
class ApiAccessIT {

    /** The access table as the API documents it; a route missing here fails the first test. */
    static final Map<Route, Set<Scope>> ALLOWED = ApiAccessProbe.withApiKeyRoutes(Map.ofEntries(
            Map.entry(new Route("POST", "/v1/segments"), Set.of(Scope.SEGMENTS)),
            Map.entry(new Route("GET", "/v1/segments"), Set.of(Scope.READ, Scope.SEGMENTS)),
            Map.entry(new Route("GET", "/v1/segments/{id}"), Set.of(Scope.READ, Scope.SEGMENTS)),
            Map.entry(new Route("PUT", "/v1/segments/{id}"), Set.of(Scope.SEGMENTS)),
            Map.entry(new Route("DELETE", "/v1/segments/{id}"), Set.of(Scope.SEGMENTS)),
            Map.entry(new Route("POST", "/v1/segments/preview"), Set.of(Scope.SEGMENTS, Scope.READ)),
            Map.entry(new Route("POST", "/v1/segments/{segmentId}/evaluations"), Set.of(Scope.SEGMENTS)),
            Map.entry(new Route("GET", "/v1/segments/{segmentId}/evaluations/{evaluationId}"), Set.of(Scope.READ, Scope.SEGMENTS)),
            Map.entry(new Route("GET", "/v1/segments/{segmentId}/members"), Set.of(Scope.READ, Scope.SEGMENTS)),
            Map.entry(new Route("GET", "/v1/segments/{segmentId}/members/{entityId}/explanation"), Set.of(Scope.READ, Scope.SEGMENTS)),
            Map.entry(new Route("GET", "/v1/segments/{segmentId}/history"), Set.of(Scope.READ, Scope.SEGMENTS))));

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
        new ApiAccessProbe(port, "test-token").assertARevokedKeyStopsWorking("/v1/segments");
    }
}
