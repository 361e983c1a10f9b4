package dev.tributary.console.web;

import dev.tributary.console.api.ApiResponse;
import dev.tributary.console.api.Service;
import dev.tributary.console.api.ServiceClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the overview's charts in memory (no store of its own, ADR 0030): ingestion's accepted record and event
 * counters from its Prometheus meters, and each segment's size. The last {@link #KEPT} samples are kept.
 */
@Component
public class Sampler {

    static final int KEPT = 120;

    public record Sample(Instant at, double records, double events, Map<String, Long> segmentSizes) {
    }

    private final ServiceClient client;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public Sampler(ServiceClient client) {
        this.client = client;
    }

    @Scheduled(fixedDelayString = "${cdp.console.sample-interval:30s}", initialDelayString = "5s")
    public void sample() {
        ApiResponse metrics = client.getText(Service.INGESTION, "/actuator/prometheus");
        String text = metrics.ok() && metrics.body() instanceof String s ? s : "";
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Map<String, Object> segment : client.get(Service.SEGMENTATION, "/v1/segments").list("items")) {
            String id = String.valueOf(segment.get("id"));
            ApiResponse members = client.get(Service.SEGMENTATION, "/v1/segments/" + id + "/members?limit=1");
            if (members.ok() && members.map().get("total") instanceof Number total) {
                sizes.put(id, total.longValue());
            }
        }
        add(new Sample(Instant.now(), accepted(text, "cdp_ingestion_records_total"), accepted(text, "cdp_ingestion_events_total"), sizes));
    }

    synchronized void add(Sample sample) {
        samples.addLast(sample);
        while (samples.size() > KEPT) {
            samples.removeFirst();
        }
    }

    public synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    /** Per minute between the last two samples, or null before there are two. */
    public Double perMinute(boolean events) {
        List<Sample> all = samples();
        if (all.size() < 2) {
            return null;
        }
        Sample last = all.get(all.size() - 1);
        Sample before = all.get(all.size() - 2);
        double seconds = Math.max(1, last.at().getEpochSecond() - before.at().getEpochSecond());
        double delta = events ? last.events() - before.events() : last.records() - before.records();
        return Math.max(0, delta) * 60 / seconds;
    }

    /** The sum of a Prometheus counter's series with {@code outcome="accepted"}. */
    static double accepted(String prometheus, String name) {
        double sum = 0;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(name + "{") && line.contains("outcome=\"accepted\"")) {
                try {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } catch (NumberFormatException ignored) {
                    // a line of another shape: not counted
                }
            }
        }
        return sum;
    }
}
