package dev.tributary.emulators.marketo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Marketo's only HTTP-level errors: 414 for a URI over 8 KB (clients then POST with {@code _method=GET}) and 413
 * for a body over 1 MB.
 */
@Component
class MarketoHttpLimitsFilter extends OncePerRequestFilter {

    static final int MAX_URI_BYTES = 8 * 1024;
    static final long MAX_BODY_BYTES = 1024 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/marketo/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int uriLength = request.getRequestURI().length()
                + (request.getQueryString() == null ? 0 : request.getQueryString().length() + 1);
        if (uriLength > MAX_URI_BYTES) {
            response.sendError(414, "Request-URI Too Long");
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            response.sendError(413, "Request Entity Too Large");
            return;
        }
        chain.doFilter(request, response);
    }
}
