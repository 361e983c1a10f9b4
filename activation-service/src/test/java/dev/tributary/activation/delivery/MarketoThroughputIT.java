package dev.tributary.activation.delivery;

import dev.tributary.activation.ActivationFixtures;
import dev.tributary.activation.ActivationIntegrationTest;
import dev.tributary.activation.TestUpstreams;
import dev.tributary.emulators.marketo.MarketoHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ActivationIntegrationTest
/**
 * Not part of the suite: a 100,000-member backfill into an emulated Marketo instance at Marketo's real limits,
 * timed from the activation's creation to the last member in the list. Run with
 * {@code -Dtest=MarketoThroughputIT -Dcdp.activation.throughput=true} (README, "Throughput").
 */
@EnabledIfSystemProperty(named = "cdp.activation.throughput", matches = "true")
class MarketoThroughputIT {
    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldDeliverAHundredThousandMembersAtTheLimitBoundRateWithoutViolations() {
        int n = 100_000;
        ActivationFixtures api = new ActivationFixtures(port, jdbc);
        String m = "TP-" + UUID.randomUUID().toString().substring(0, 8);
        MarketoHandle marketo = TestUpstreams.emulators().addMarketoInstance(m, "c", "s");
        long firstLead = -1;
        for (int i = 0; i < n; i++) {
            long id = marketo.seedLead(Map.of("email", "t" + i + "@tp.test"));
            if (i == 0) {
                firstLead = id;
            }
        }
        String prefix = "per_tp_" + m + "_";
        jdbc.sql("INSERT INTO profile.unified_profile (id, entity_type, anchor_key, created_at, updated_at) SELECT ? || g, 'person', ? || g, now(), now() FROM generate_series(0, ?) g")
                .params(prefix, prefix, n - 1).update();
        jdbc.sql("INSERT INTO profile.unified_person (id, email, email_consent, created_at, updated_at) SELECT ? || g, 't' || g || '@tp.test', 'y', now(), now() FROM generate_series(0, ?) g")
                .params(prefix, n - 1).update();
        jdbc.sql("INSERT INTO profile.fragment (source_key, xdm_class, source_type, source_instance_id, data, last_updated, content_hash, profile_id) SELECT (? + g) || '@' || ? || '.Marketo', 'person', 'Marketo', ?, '{}'::jsonb, now(), 'h', ? || g FROM generate_series(0, ?) g")
                .params(firstLead, m, m, prefix, n - 1).update();
        Map<String, Instant> members = new HashMap<>();
        Instant since = Instant.now().minusSeconds(60);
        for (int i = 0; i < n; i++) {
            members.put(prefix + i, since);
        }
        String seg = "seg_tp_" + UUID.randomUUID();
        String list = "tp " + seg;
        TestUpstreams.segmentation().members(seg, "person", members);
        String dest = api.marketoDestination(marketo.baseUrl(), m, "c", "s", false);
        long start = System.nanoTime();
        api.call("POST", "/v1/activations", Map.of("segmentId", seg, "destinationId", dest, "listName", list));
        await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofMinutes(5)).until(() -> marketo.memberEmails(list).size() == n);
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("MarketoThroughput: %d members in %.1f s = %.0f leads/s, %.3f of the limit-bound 1,500/s; %s%n",
                n, s, n / s, n / s / 1500, marketo.stats().toJson());
        assertThat(marketo.stats().violationCount()).isZero();
        api.close();
    }
}
