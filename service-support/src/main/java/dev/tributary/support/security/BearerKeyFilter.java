package dev.tributary.support.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Authenticates a request by its {@code Authorization: Bearer <key>} header. A request without the
 * header goes on anonymous (and the access rules decide); a header with an unknown or revoked key is
 * answered 401 at once. Runs inside Spring Security's chain, after its firewall normalised the path.
 */
final class BearerKeyFilter extends OncePerRequestFilter {

    private static final String BEARER = "bearer ";

    private final ApiKeyAuthenticationProvider provider;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerKeyFilter(ApiKeyAuthenticationProvider provider) {
        this.provider = provider;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            ProblemResponses.unauthorized(response, "Send the API key as 'Authorization: Bearer <key>'");
            return;
        }
        Authentication caller;
        try {
            caller = provider.authenticate(new ApiKeyAuthenticationProvider.PresentedKey(header.substring(BEARER.length()).strip()));
        } catch (AuthenticationException e) {
            ProblemResponses.unauthorized(response, e.getMessage());
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(caller);
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
