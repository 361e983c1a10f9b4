package dev.tributary.profile.fragment;

import dev.tributary.profile.ProfileFixtures;
import dev.tributary.profile.ProfileIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0017: a batch's source keys are resolved by probing identity_profile once a key, even when the table's
 * statistics were taken before it held any person (as during a first load) and the plan is a generic one.
 */
@ProfileIntegrationTest
class StaleStatisticsIT {

    private static final int PEOPLE = 20_000;
    private static final int ACCOUNTS = 200;
    private static final int LINKS = 500;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JdbcClient client;
    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void autovacuumBack() {
        jdbc.execute("ALTER TABLE profile.identity_profile RESET (autovacuum_enabled)");
        ProfileFixtures.truncate(client);
    }

    @Test
    void shouldProbeIdentityProfileOnceAKeyWhenItsStatisticsPredateThePeople() {
        ProfileFixtures.truncate(client);
        // statistics of a table holding accounts only, kept stale while the people arrive
        jdbc.execute("ALTER TABLE profile.identity_profile SET (autovacuum_enabled = false)");
        jdbc.update("""
                INSERT INTO profile.identity_profile (entity_type, namespace, value, profile_id)
                SELECT 'account', 'b2b_account', 'A' || i || '@mkto-1.Marketo', 'acc_' || i FROM generate_series(0, ?) i""",
                ACCOUNTS - 1);
        jdbc.execute("ANALYZE profile.identity_profile");
        jdbc.update("""
                INSERT INTO profile.identity_profile (entity_type, namespace, value, profile_id)
                SELECT 'person', 'b2b_person', 'L' || i || '@mkto-1.Marketo', 'per_' || i FROM generate_series(0, ?) i""",
                PEOPLE - 1);

        Map<String, Object> read = new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            // the plan pgjdbc and PostgreSQL settle on for a statement run batch after batch
            jdbc.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            jdbc.update(connection -> {
                var statement = connection.prepareStatement(RelationshipProjection.linkInsertSql());
                String[][] columns = {
                        IntStream.range(0, LINKS).mapToObj(i -> "AP" + i + "@mkto-1.Marketo").toArray(String[]::new),
                        IntStream.range(0, LINKS).mapToObj(i -> "L" + (i * 37 % PEOPLE) + "@mkto-1.Marketo").toArray(String[]::new),
                        IntStream.range(0, LINKS).mapToObj(i -> "A" + (i % ACCOUNTS) + "@mkto-1.Marketo").toArray(String[]::new),
                        IntStream.range(0, LINKS).mapToObj(i -> "accountPerson").toArray(String[]::new),
                        new String[LINKS],
                        IntStream.range(0, LINKS).mapToObj(i -> "true").toArray(String[]::new)};
                for (int c = 0; c < columns.length; c++) {
                    statement.setArray(c + 1, connection.createArrayOf("text", columns[c]));
                }
                return statement;
            });
            Map<String, Object> counts = jdbc.queryForMap("""
                    SELECT seq_tup_read + coalesce(idx_tup_fetch, 0) AS identities_read FROM pg_stat_xact_user_tables
                    WHERE schemaname = 'profile' AND relname = 'identity_profile'""");
            counts.putAll(jdbc.queryForMap("""
                    SELECT count(*) FILTER (WHERE person_id = 'per_' || substring(person_key from 2 for position('@' in person_key) - 2)
                                              AND account_id = 'acc_' || substring(account_key from 2 for position('@' in account_key) - 2))
                           AS resolved
                    FROM profile.person_account_link"""));
            return counts;
        });

        assertThat(((Number) read.get("resolved")).intValue()).isEqualTo(LINKS);
        // two probes a link (its person and its account), not every person or account identity for each batch or row;
        // with room for the few index entries the planner reads itself (1,034 in one run of the whole suite)
        assertThat(((Number) read.get("identities_read")).longValue()).isLessThanOrEqualTo(3L * LINKS);
    }
}
