package dev.tributary.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessCpuTest {

    @Test
    void shouldGroupTheStandalonesThreadsByThePoolTheyServeFromTheirTruncatedNames() {
        // as /proc/<pid>/task/<tid>/comm shows them: 15 characters
        assertThat(ProcessCpu.component("C2 CompilerThre")).isEqualTo("JIT compiler");
        assertThat(ProcessCpu.component("C1 CompilerThre")).isEqualTo("JIT compiler");
        assertThat(ProcessCpu.component("http-nio-8081-e")).isEqualTo("ingestion HTTP");
        assertThat(ProcessCpu.component("http-nio-8082-e")).isEqualTo("profile and segmentation HTTP");
        assertThat(ProcessCpu.component("profile-records")).isEqualTo("profile record consumer");
        assertThat(ProcessCpu.component("segmentation-pr")).isEqualTo("segmentation consumers");
        assertThat(ProcessCpu.component("outbox-relay-pr")).isEqualTo("outbox relays");
        assertThat(ProcessCpu.component("GC Thread#0")).isEqualTo("GC and VM");
        assertThat(List.of("data-plane-kafk", "group-coordinat", "kafka-0-raft-io"))
                .allSatisfy(name -> assertThat(ProcessCpu.component(name)).isEqualTo("Kafka broker and other"));
    }

    @Test
    void shouldReportTheLargestComponentsFirstScaledAndLeaveOutTheNegligible() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("Kafka broker and other", 10.0);
        seconds.put("PostgreSQL: profile-service", 50.0);
        seconds.put("GC and VM", 0.1); // 0.1% of the whole
        seconds.put("profile record consumer", 20.0);
        ProcessCpu.Snapshot used = new ProcessCpu.Snapshot(Map.of(), seconds);

        Map<String, Double> perThousand = ProcessCpu.report(used, 1e6 / 400_000, "ms per 1,000 records", "test");

        assertThat(perThousand).containsExactly(Map.entry("PostgreSQL: profile-service", 125.0),
                Map.entry("profile record consumer", 50.0), Map.entry("Kafka broker and other", 25.0));
    }
}
