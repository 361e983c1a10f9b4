package dev.tributary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One scenario run: printed as a table and appended as one JSON line to bench-results/<scenario>.jsonl. */
final class Results {
    record Row(String metric, String value, String target) {
    }

    private final String scenario;
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    Results(String scenario, Options options) {
        this.scenario = scenario;
        json.put("scenario", scenario);
        json.put("time", Instant.now().toString());
        json.put("machine", machine());
        json.put("options", options.given());
        json.put("loadavg_start", loadavg());
    }

    void put(String key, Object value) {
        json.put(key, value);
    }

    void row(String metric, String value, String target) {
        rows.add(new Row(metric, value, target == null ? "" : target));
    }

    void print() {
        row("load average (1/5/15 min) start -> end", json.get("loadavg_start") + " -> " + loadavg(), "2 cores");
        int w0 = 6, w1 = 5, w2 = 6;
        for (Row r : rows) {
            w0 = Math.max(w0, r.metric().length());
            w1 = Math.max(w1, r.value().length());
            w2 = Math.max(w2, r.target().length());
        }
        String fmt = "| %-" + w0 + "s | %" + w1 + "s | %-" + w2 + "s |%n";
        System.out.printf("%n== %s ==%n", scenario);
        System.out.printf(fmt, "metric", "value", "target");
        System.out.printf("|%s|%s|%s|%n", "-".repeat(w0 + 2), "-".repeat(w1 + 2), "-".repeat(w2 + 2));
        for (Row r : rows) System.out.printf(fmt, r.metric(), r.value(), r.target());
        System.out.println();
    }

    Path append(Path dir) {
        try {
            json.put("loadavg_end", loadavg());
            Files.createDirectories(dir);
            Path file = dir.resolve(scenario + ".jsonl");
            Files.writeString(file, Api.JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("appended to " + file.toAbsolutePath());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        String memKb = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        m.put("mem_total", memKb);
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("bench_jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        return m;
    }

    /** Other work on the machine skews every number: record the load average around the run. */
    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return "unknown";
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.0f ms", v);
    }
}
