package dev.tributary.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name=value} options with defaults; the first bare argument is the scenario. */
final class Options {
    final String scenario;
    private final Map<String, String> values = new LinkedHashMap<>();

    Options(String[] args) {
        String s = null;
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                values.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
            } else if (s == null) {
                s = arg;
            } else {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
        }
        scenario = s;
    }

    String get(String name, String fallback) {
        String env = System.getenv("BENCH_" + name.toUpperCase().replace('-', '_'));
        return values.getOrDefault(name, env != null ? env : fallback);
    }

    double dbl(String name, double fallback) {
        return Double.parseDouble(get(name, Double.toString(fallback)));
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }

    long lng(String name, long fallback) {
        return Long.parseLong(get(name, Long.toString(fallback)));
    }

    Map<String, String> given() {
        return values;
    }

    String ingestion() {
        return get("ingestion-url", "http://localhost:8081");
    }

    String profile() {
        return get("profile-url", "http://localhost:8082");
    }

    String segmentation() {
        return get("segmentation-url", "http://localhost:8083");
    }

    String token() {
        String env = System.getenv("CDP_API_TOKEN");
        return get("token", env != null && !env.isBlank() ? env : "bench");
    }

    String jdbcUrl() {
        return get("jdbc-url", "jdbc:postgresql://localhost:55432/postgres");
    }

    /**
     * {@code --kafka}, else the first of {@code --kafka-candidates} (ports on localhost) that answers as a Kafka
     * broker: the embedded broker of the standalone may not listen on CDP_KAFKA_PORT.
     */
    String kafka() {
        String given = get("kafka", null);
        if (given != null) return given;
        for (String port : get("kafka-candidates", "59092").split(",")) {
            if (port.isBlank()) continue;
            java.util.Properties p = new java.util.Properties();
            p.put("bootstrap.servers", "localhost:" + port.trim());
            p.put("request.timeout.ms", "3000");
            p.put("default.api.timeout.ms", "4000");
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
                admin.listTopics().names().get(5, java.util.concurrent.TimeUnit.SECONDS);
                values.put("kafka", "localhost:" + port.trim());
                System.out.println("Kafka broker found on localhost:" + port.trim());
                return values.get("kafka");
            } catch (Exception e) {
                // not a broker
            }
        }
        throw new IllegalStateException("no Kafka broker among " + get("kafka-candidates", "59092") + "; pass --kafka=host:port");
    }
}
