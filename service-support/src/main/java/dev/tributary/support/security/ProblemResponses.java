package dev.tributary.support.security;

import dev.tributary.support.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

import java.io.IOException;

/**
 * Writes the RFC 9457 problems that the security filters answer before any controller runs: 400 for a
 * request the firewall refuses, 401 without a valid key, 403 for a key without the scope.
 */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tributary\"");
        ProblemWriter.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
    }

    static void forbidden(HttpServletResponse response, String detail) throws IOException {
        ProblemWriter.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", detail);
    }

    static void rejected(HttpServletResponse response, String detail) throws IOException {
        ProblemWriter.write(response, HttpServletResponse.SC_BAD_REQUEST, "Request rejected", detail);
    }
}
