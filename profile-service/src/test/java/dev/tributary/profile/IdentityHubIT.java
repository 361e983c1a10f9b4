package dev.tributary.profile;

import dev.tributary.profile.ProfileFixtures.Line;
import dev.tributary.profile.ingest.ProfileUpdates;
import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An identity shared by more fragments than {@code cdp.profile.identity.max-fragments-per-identity} (50) stops linking:
 * the stores record the hub once and the profile it had joined splits, its id staying with its anchor (ADR 0003).
 */
@ProfileIntegrationTest
class IdentityHubIT {

    @Autowired
    ProfileUpdates updates;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldSplitTheProfileAnIdentityJoinedOnceItBecomesAHub() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "shared@hub-" + suffix + ".com";
        List<Line> first = IntStream.range(0, 50).mapToObj(i -> person(suffix, i, email)).toList();
        updates.applyRecords(first.stream().map(ProfileFixtures::incoming).toList());
        Set<Set<String>> joined = groupingOf(suffix);
        assertThat(joined).hasSize(1);
        String anchor = "p00-" + suffix + "@mkto-9.Marketo";
        String joinedId = profileOf(anchor);

        updates.applyRecords(List.of(ProfileFixtures.incoming(person(suffix, 50, email))));

        assertThat(groupingOf(suffix)).hasSize(51).allSatisfy(group -> assertThat(group).hasSize(1));
        assertThat(jdbc.sql("SELECT fragments FROM profile.identity_hub WHERE namespace = 'email' AND value = ?")
                .param(email).query(Integer.class).list()).containsExactly(51);
        assertThat(jdbc.sql("SELECT count(*) FROM profile.identity_profile WHERE namespace = 'email' AND value = ?")
                .param(email).query(Long.class).single()).isZero();
        assertThat(profileOf(anchor)).isEqualTo(joinedId);
        assertThat(jdbc.sql("SELECT count(DISTINCT profile_id) FROM profile.fragment WHERE source_key LIKE ?")
                .param("%-" + suffix + "@mkto-9.Marketo").query(Long.class).single()).isEqualTo(51);
    }

    private Set<Set<String>> groupingOf(String suffix) {
        Set<Set<String>> all = ProfileFixtures.grouping(jdbc, "person");
        all.removeIf(group -> group.stream().noneMatch(k -> k.contains("-" + suffix + "@")));
        return all;
    }

    private String profileOf(String sourceKey) {
        return jdbc.sql("SELECT profile_id FROM profile.fragment WHERE source_key = ?").param(sourceKey).query(String.class).single();
    }

    private static Line person(String suffix, int i, String email) {
        var data = XdmJson.mapper().createObjectNode();
        data.put("personKey", "p%02d-%s@mkto-9.Marketo".formatted(i, suffix));
        data.putObject("workEmail").put("address", email);
        data.putObject("extSourceSystemAudit").put("lastUpdatedDate", "2026-10-01T00:00:00Z");
        return new Line("person", data);
    }
}
