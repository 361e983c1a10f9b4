package dev.tributary.segmentation.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The seed segment at 1M people / 10M events, in one statement. Slow to set up (minutes), so only
 * on demand: {@code -Dseglang.scale=true}. Uses its own embedded PostgreSQL, not the seed one.
 * It states the 10 s target (docs/segment-language.md) and prints the plan.
 */
@EnabledIfSystemProperty(named = "seglang.scale", matches = "true")
class SeedSegmentScaleTest {

    @Test
    void shouldEvaluateTheSeedOverAMillionPeopleWithinTenSeconds() throws SQLException {
        Connection connection = SeedDatabase.start(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO profile_read.person (person_id, email, score)
                      SELECT 'P' || i, 'p' || i || '@c' || (i / 5) || '.com', i % 100 FROM generate_series(1, 1000000) i;
                    INSERT INTO profile_read.account (account_id, name) SELECT 'U' || i, 'Company ' || i FROM generate_series(0, 200000) i;
                    INSERT INTO profile_read.person_account
                      SELECT 'P' || i, 'U' || (i / 5), 's' || i, 'A' || (i / 5) || '-' || (i % 2), 'primary' FROM generate_series(1, 1000000) i;
                    INSERT INTO profile_read.opportunity (opportunity_id, account_id, amount, is_won, source_instance_id)
                      SELECT 'O' || i, 'U' || (i % 200000), (i % 1000) * 2000, i % 3 = 0, 'crm-' || (i % 2) FROM generate_series(1, 600000) i;
                    INSERT INTO profile_read.event (event_id, person_id, event_type, ts, url)
                      SELECT 'E' || i, 'P' || (1 + i % 1000000),
                             CASE WHEN i % 10 = 0 THEN 'commerce.purchases' ELSE 'web.webpagedetails.pageViews' END,
                             timestamptz '2026-11-29 12:00:00+00' - (i % 120) * interval '1 day',
                             CASE WHEN i % 97 = 0 THEN 'https://bodea.com/products/new' ELSE 'https://bodea.com/p/' || (i % 500) END
                      FROM generate_series(1, 10000000) i;
                    CREATE INDEX ON profile_read.person_account (person_id);
                    CREATE INDEX ON profile_read.person_account (account_id);
                    CREATE INDEX ON profile_read.opportunity (account_id);
                    CREATE INDEX ON profile_read.event (person_id);
                    ANALYZE;
                    """);
        }
        CompiledSegment seed = SegmentLanguage.compile(Audience.PERSON, SegmentLanguageFixtures.SEED);

        Map<String, Object> parameters = SeedDatabase.withNow(seed.parameters());
        SeedDatabase.ids(connection, seed.selectAll(), parameters); // warm the cache: measure the plan, not the disk
        long start = System.nanoTime();
        List<String> members = SeedDatabase.ids(connection, seed.selectAll(), parameters);
        long batchMillis = (System.nanoTime() - start) / 1_000_000;

        Map<String, Object> amongParameters = SeedDatabase.withNow(seed.parameters());
        amongParameters.put("ids", members.stream().limit(3).toArray(String[]::new));
        start = System.nanoTime();
        List<String> among = SeedDatabase.ids(connection, seed.selectAmong(), amongParameters);
        long streamingMillis = (System.nanoTime() - start) / 1_000_000;

        try (Statement statement = connection.createStatement()) {
            statement.execute("SET work_mem = '64MB'");
        }
        start = System.nanoTime();
        SeedDatabase.ids(connection, seed.selectAll(), parameters);
        long largerWorkMemMillis = (System.nanoTime() - start) / 1_000_000;

        List<Map<String, Object>> plan = SeedDatabase.rows(connection, "EXPLAIN (ANALYZE, BUFFERS) " + seed.selectAll(), parameters);
        plan.forEach(row -> System.out.println(row.values().iterator().next()));
        System.out.printf("seed at scale: %d members, batch %d ms (work_mem 4MB), %d ms (64MB); streaming (%d ids) %d ms%n",
                members.size(), batchMillis, largerWorkMemMillis, among.size(), streamingMillis);
        assertThat(among).hasSize(Math.min(3, members.size()));
        assertThat(batchMillis).isLessThan(10_000);
    }
}
