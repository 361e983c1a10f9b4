package dev.tributary.profile;

import dev.tributary.profile.ProfileFixtures.Line;
import dev.tributary.profile.fragment.IncomingRecord;
import dev.tributary.profile.ingest.ProfileUpdates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: the Townsend records in any order, each delivered twice, with stale older versions
 * replayed among them, always give the same unified grouping and the same merged values.
 */
@ProfileIntegrationTest
class OrderIndependenceIT {

    private static final int ORDERS = 20;

    @Autowired
    ProfileUpdates updates;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldConvergeToTheSameGroupingInAnyOrderWithDuplicatesAndStaleReplays() {
        List<Line> townsend = ProfileFixtures.townsend();
        List<IncomingRecord> deliveries = new ArrayList<>();
        for (Line line : townsend) {
            deliveries.add(ProfileFixtures.incoming(line));
            deliveries.add(ProfileFixtures.incoming(line));
            deliveries.add(ProfileFixtures.incoming(staleVersionOf(line)));
        }
        Set<Set<String>> expectedAccounts = Set.of(Set.of("1@mkto-1.Marketo", "001A1@crm-1.Salesforce",
                "2@mkto-2.Marketo", "acc-2001@crm-2.Dynamics", "T-1@mdm-1.MDM"));
        Set<Set<String>> expectedPersons = Set.of(
                Set.of("101@mkto-1.Marketo", "003P1@crm-1.Salesforce"),
                Set.of("102@mkto-1.Marketo", "003P2@crm-1.Salesforce", "201@mkto-2.Marketo", "con-2002@crm-2.Dynamics"),
                Set.of("202@mkto-2.Marketo", "con-2003@crm-2.Dynamics"));

        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int order = 0; order < ORDERS; order++) {
            ProfileFixtures.truncate(jdbc);
            List<IncomingRecord> shuffled = new ArrayList<>(deliveries);
            Collections.shuffle(shuffled, random);
            for (int i = 0; i < shuffled.size(); ) {
                int size = 1 + random.nextInt(6);
                updates.applyRecords(shuffled.subList(i, Math.min(shuffled.size(), i + size)));
                i += size;
            }
            String context = "seed " + seed + ", order " + order;
            assertThat(ProfileFixtures.grouping(jdbc, "account")).as(context).isEqualTo(expectedAccounts);
            assertThat(ProfileFixtures.grouping(jdbc, "person")).as(context).isEqualTo(expectedPersons);
            assertThat(jdbc.sql("SELECT name FROM profile.unified_account").query(String.class).list())
                    .as(context).containsExactly("Townsend");
            assertThat(jdbc.sql("SELECT count(*) FROM profile.unified_person").query(Integer.class).single())
                    .as(context).isEqualTo(3);
            assertThat(jdbc.sql("SELECT sum(amount) FROM profile_read.opportunity WHERE is_won").query(java.math.BigDecimal.class).single())
                    .as(context).isEqualByComparingTo("1100000");
            assertThat(jdbc.sql("SELECT count(DISTINCT account_id) FROM profile_read.person_account").query(Integer.class).single())
                    .as(context).isEqualTo(1);
        }
    }

    /** An older version of the record that would break the scenario if it ever won. */
    private static Line staleVersionOf(Line line) {
        Line stale = line.copy();
        stale.data().withObject("extSourceSystemAudit").put("lastUpdatedDate", "2026-01-01T00:00:00Z");
        switch (line.xdmClass()) {
            case "account" -> {
                stale.data().put("accountName", "Stale Name");
                stale.data().remove("identityMap");
                stale.data().withObject("extSourceSystemAudit").remove("externalKey");
            }
            case "person" -> {
                stale.data().withObject("workEmail").put("address", "stale-" + Math.abs(line.key().hashCode()) + "@townsend.com");
                stale.data().withObject("extSourceSystemAudit").remove("externalKey");
            }
            case "opportunity" -> stale.data().put("isWon", false);
            default -> stale.data().put("isDeleted", true);
        }
        return stale;
    }
}
