package dev.tributary.emulators;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one emulated account saw: calls, calls refused by a limit, injected faults, and violations (calls over a
 * documented limit that were served because the limit was observed, not enforced).
 */
public final class CallStats {

    private long calls;
    private long tokenCalls;
    private final Map<String, Long> refused = new TreeMap<>();
    private final Map<String, Long> injected = new TreeMap<>();
    private final Map<String, Long> violations = new TreeMap<>();

    public synchronized void call() {
        calls++;
    }

    public synchronized void tokenCall() {
        tokenCalls++;
    }

    public synchronized void refused(String code) {
        refused.merge(code, 1L, Long::sum);
    }

    public synchronized void injected(String label) {
        injected.merge(label, 1L, Long::sum);
    }

    public synchronized void violation(String limit) {
        violations.merge(limit, 1L, Long::sum);
    }

    public synchronized long calls() {
        return calls;
    }

    public synchronized long violationCount() {
        return violations.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized long refusedCount(String code) {
        return refused.getOrDefault(code, 0L);
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(calls, tokenCalls, Map.copyOf(refused), Map.copyOf(injected), Map.copyOf(violations),
                violations.values().stream().mapToLong(Long::longValue).sum());
    }

    public synchronized void reset() {
        calls = 0;
        tokenCalls = 0;
        refused.clear();
        injected.clear();
        violations.clear();
    }

    /** Counts at one moment; {@code violations} is keyed by limit, {@code refused} and {@code injected} by answer. */
    public record Snapshot(long calls, long tokenCalls, Map<String, Long> refused, Map<String, Long> injected,
                           Map<String, Long> violations, long violationCount) {

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("calls", calls);
            json.put("tokenCalls", tokenCalls);
            json.put("refused", new TreeMap<>(refused));
            json.put("injected", new TreeMap<>(injected));
            json.put("violations", new TreeMap<>(violations));
            json.put("violationCount", violationCount);
            return json;
        }
    }
}
