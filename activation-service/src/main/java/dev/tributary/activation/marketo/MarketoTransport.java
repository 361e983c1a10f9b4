package dev.tributary.activation.marketo;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** Sends one call to an instance through its {@link CallLimiter}, counting it; no retries, no judgement of answers. */
final class MarketoTransport {

    private final MarketoEndpoint endpoint;
    private final HttpClient http;
    private final CallLimiter limiter;
    private final AtomicLong calls = new AtomicLong();

    MarketoTransport(MarketoEndpoint endpoint, HttpClient http, CallLimiter limiter) {
        this.endpoint = endpoint;
        this.http = http;
        this.limiter = limiter;
    }

    long calls() {
        return calls.get();
    }

    record Answer(int status, String body) {
    }

    /** Status 0 and the failure as body when the call got no answer (refused, timed out). */
    Answer send(HttpRequest request) {
        try {
            limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MarketoException("interrupted", "interrupted", false);
        }
        try {
            calls.incrementAndGet();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MarketoException("interrupted", "interrupted", false);
        } finally {
            limiter.release();
        }
    }

    String base() {
        String url = endpoint.baseUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MarketoException("interrupted", "interrupted", false);
        }
    }
}
