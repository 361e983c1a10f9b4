package dev.tributary.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency samples in milliseconds; nearest-rank percentiles. */
final class Stats {
    private double[] values = new double[1024];
    private int n;

    synchronized void add(double ms) {
        if (n == values.length) values = Arrays.copyOf(values, n * 2);
        values[n++] = ms;
    }

    synchronized int count() {
        return n;
    }

    synchronized double pct(double p) {
        if (n == 0) return Double.NaN;
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
    }

    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", count());
        m.put("p50_ms", round(pct(50)));
        m.put("p95_ms", round(pct(95)));
        m.put("p99_ms", round(pct(99)));
        m.put("max_ms", round(pct(100)));
        return m;
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10) / 10.0;
    }
}
