package dev.tributary.ingestion.connector;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A connector's context without the framework: plain HTTP, each call counted. For connector tests against emulators. */
public final class CountingConnectorContext implements ConnectorContext {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger calls = new AtomicInteger();
    private final Clock clock;

    public CountingConnectorContext(Clock clock) {
        this.clock = clock;
    }

    public CountingConnectorContext() {
        this(Clock.systemUTC());
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler) {
        calls.incrementAndGet();
        try {
            return http.send(request, bodyHandler);
        } catch (IOException e) {
            throw ConnectorException.retriable(request.method() + " " + request.uri().getPath() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.retriable("interrupted", e);
        }
    }

    @Override
    public Clock clock() {
        return clock;
    }

    public int calls() {
        return calls.get();
    }
}
