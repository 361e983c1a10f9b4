package dev.tributary.ingestion.connector;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

/** What the framework lends a task: HTTP under the source's rate budget, counted as the run's API calls, and time. */
public interface ConnectorContext {

    /**
     * Sends a request once its rate budget admits it. An I/O failure or timeout is a retriable
     * {@link ConnectorException}; the response, whatever its status, is the connector's to judge.
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler);

    default HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    Clock clock();
}
