package dev.tributary.ingestion.sync;

import dev.tributary.ingestion.connector.ConnectorContext;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.RateLimit;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the {@link ConnectorContext}s tasks get: one shared {@link HttpClient}, every call admitted by the rate budget
 * of its key (shared by every source with that key in this JVM) and by the key's daily quota in the database.
 */
@Component
public class ConnectorContexts {

    private final HttpClient http;
    private final ConnectorProperties properties;
    private final DailyQuota quota;
    private final Clock clock;
    private final Map<String, RateBudget> budgets = new ConcurrentHashMap<>();

    ConnectorContexts(ConnectorProperties properties, DailyQuota quota) {
        this.properties = properties;
        this.quota = quota;
        this.clock = Clock.systemUTC();
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** A context whose calls draw on {@code limit} and are counted into {@code calls}. */
    public ConnectorContext open(RateLimit limit, AtomicLong calls) {
        RateBudget budget = limit.isUnlimited() ? null
                : budgets.computeIfAbsent(limit.key(), k -> new RateBudget(limit, clock, d -> Thread.sleep(d.toMillis())));
        return new Context(limit, budget, calls);
    }

    private final class Context implements ConnectorContext {
        private final RateLimit limit;
        private final RateBudget budget;
        private final AtomicLong calls;

        Context(RateLimit limit, RateBudget budget, AtomicLong calls) {
            this.limit = limit;
            this.budget = budget;
            this.calls = calls;
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler) {
            if (limit.dailyQuota() > 0) {
                LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
                if (!quota.tryTake(limit.key(), today, limit.dailyQuota())) {
                    throw new QuotaSpentException(limit.key(), limit.dailyQuota(),
                            today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
                }
            }
            if (budget != null) {
                budget.admit();
            }
            try {
                calls.incrementAndGet();
                HttpRequest timed = request.timeout().isPresent() ? request
                        : HttpRequest.newBuilder(request, (name, value) -> true).timeout(properties.requestTimeout()).build();
                return http.send(timed, bodyHandler);
            } catch (HttpTimeoutException e) {
                throw ConnectorException.retriable(request.method() + " " + request.uri().getPath() + " timed out", e);
            } catch (IOException e) {
                throw ConnectorException.retriable(request.method() + " " + request.uri().getPath() + " failed: "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ConnectorException.retriable("interrupted", e);
            } finally {
                if (budget != null) {
                    budget.release();
                }
            }
        }

        @Override
        public Clock clock() {
            return clock;
        }
    }
}
