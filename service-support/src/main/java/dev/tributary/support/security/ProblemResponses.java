package dev.tributary.support.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import dev.tributary.support.problem.ProblemWriter;

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
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
    }

    static void forbidden(HttpServletResponse response, String detail) throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", detail);
    }

    static void rejected(HttpServletResponse response, String detail) throws IOException {
        write(response, HttpServletResponse.SC_BAD_REQUEST, "Request rejected", detail);
    }

    private static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        ProblemWriter.write(response, status, title, detail);
    }
}
