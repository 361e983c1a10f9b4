package dev.tributary.emulators.marketo;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.ArrayList;
import java.util.List;

/**
 * Every REST and bulk call an instance received, in order ({@code GET /bulk/v1/leads/export/{id}/status.json}), so a
 * connector's test can assert which calls a run made. Holds the latest {@value #CAPACITY}.
 */
public final class MarketoCallLog {

    static final int CAPACITY = 100_000;

    /** One call: method, the path after {@code /marketo/{munchkinId}}, the query string or null. */
    public record Call(String method, String path, String query) {

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query);
        }
    }

    private final List<Call> calls = new ArrayList<>();

    void record() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return;
        }
        String uri = servlet.getRequest().getRequestURI();
        int rest = uri.indexOf('/', "/marketo/".length());
        String path = uri.startsWith("/marketo/") && rest > 0 ? uri.substring(rest) : uri;
        synchronized (calls) {
            if (calls.size() == CAPACITY) {
                calls.remove(0);
            }
            calls.add(new Call(servlet.getRequest().getMethod(), path, servlet.getRequest().getQueryString()));
        }
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The calls whose path contains {@code fragment}, e.g. {@code "/bulk/v1/leads/export/create.json"}. */
    public List<Call> calls(String fragment) {
        return calls().stream().filter(call -> call.path().contains(fragment)).toList();
    }

    void clear() {
        synchronized (calls) {
            calls.clear();
        }
    }
}
