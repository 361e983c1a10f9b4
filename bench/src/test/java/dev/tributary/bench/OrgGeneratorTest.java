package dev.tributary.bench;

import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OrgGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void sameSeedSameOrganisation() {
        OrgGenerator a = new OrgGenerator(7, 0.002, NOW);
        OrgGenerator b = new OrgGenerator(7, 0.002, NOW);
        for (String source : List.of(OrgGenerator.CRM, OrgGenerator.MKTO, OrgGenerator.MDM)) {
            assertThat(a.records(source)).isEqualTo(b.records(source));
        }
        assertThat(a.event(5)).isEqualTo(b.event(5));
        assertThat(new OrgGenerator(8, 0.002, NOW).records(OrgGenerator.CRM)).isNotEqualTo(a.records(OrgGenerator.CRM));
    }

    @Test
    void recordCountIsTheNumberOfDistinctKeysAndLinesAreJson() {
        OrgGenerator org = new OrgGenerator(1, 0.003, NOW);
        Set<String> keys = new HashSet<>();
        long lines = 0;
        for (String source : List.of(OrgGenerator.CRM, OrgGenerator.MKTO, OrgGenerator.MDM)) {
            for (String line : org.records(source)) {
                var node = XdmJson.mapper().readTree(line);
                var data = node.get("data");
                String keyField = data.propertyNames().iterator().next();
                keys.add(data.get(keyField).asString());
                lines++;
            }
        }
        assertThat(keys).hasSize((int) lines);
        assertThat(lines).isEqualTo(org.recordCount());
        assertThat(XdmJson.mapper().readTree(org.event(3)).get("eventType").asString()).isEqualTo(OrgGenerator.PAGE_VIEWS);
    }
}
