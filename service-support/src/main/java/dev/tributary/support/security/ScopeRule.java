package dev.tributary.support.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One line of a service's access table: calls matching {@code method} and {@code pattern} (a Spring path
 * pattern, matched on the normalised path) need one of {@code scopes}; {@code admin} always passes.
 * Every {@code /v1} call no rule matches needs {@code admin}.
 *
 * @param source where the call names the source it writes through, for ingest keys limited to sources;
 *               null when the call writes through no source
 */
public record ScopeRule(HttpMethod method, String pattern, Set<Scope> scopes, SourceLocator source) {

    /** Finds the source id a call writes through, from its path variables or its request. */
    @FunctionalInterface
    public interface SourceLocator {
        Optional<String> locate(HttpServletRequest request, Map<String, String> pathVariables);
    }

    public ScopeRule {
        scopes = Set.copyOf(scopes);
    }

    public static ScopeRule allow(HttpMethod method, String pattern, Scope... scopes) {
        return new ScopeRule(method, pattern, Set.of(scopes), null);
    }

    /** The same rule, for a call that writes through the source named by the path variable. */
    public ScopeRule sourceInPath(String variable) {
        return new ScopeRule(method, pattern, scopes, (request, variables) -> Optional.ofNullable(variables.get(variable)));
    }

    /** The same rule, for a call that writes through the source named by a query parameter (absent: none named). */
    public ScopeRule sourceInQuery(String parameter) {
        // read from the query string itself: getParameter could read a form body before the controller does
        return new ScopeRule(method, pattern, scopes, (request, variables) -> QueryString.first(request.getQueryString(), parameter));
    }
}
