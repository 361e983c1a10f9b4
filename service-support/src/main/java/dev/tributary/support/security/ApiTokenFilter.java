package dev.tributary.support.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Rejects {@code /v1/**} calls without the configured bearer token with a 401 problem document. */
public class ApiTokenFilter extends OncePerRequestFilter {

    private final byte[] expected;

    public ApiTokenFilter(SecurityProperties properties) {
        if (properties.apiToken() == null || properties.apiToken().isBlank()) {
            throw new IllegalStateException("cdp.security.api-token (CDP_API_TOKEN) must be set");
        }
        this.expected = ("Bearer " + properties.apiToken()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/v1") || path.startsWith("/v1/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        // constant-time comparison: the token is a shared secret
        if (header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tributary\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("""
                {"type":"about:blank","title":"Unauthorized","status":401,\
                "detail":"Send the API token as 'Authorization: Bearer <token>'","instance":"%s"}"""
                .formatted(request.getRequestURI().replace("\"", "")));
    }
}
