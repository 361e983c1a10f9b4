package dev.tributary.segmentation.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SqlCompilerTest {

    private static CompiledSegment person(String text) {
        return SegmentLanguage.compile(Audience.PERSON, text);
    }

    @Test
    void shouldCompileTheSeedToSemiJoinsWithDistinctOpportunities() {
        CompiledSegment seed = person(SegmentLanguageFixtures.SEED);

        // the won total: summed once per account, then over each person's distinct accounts
        assertThat(seed.condition()).isEqualTo(
                "(EXISTS (SELECT 1 FROM (WITH p AS (SELECT DISTINCT l1.person_id AS driver_id, l1.account_id AS mid_id"
                        + " FROM profile_read.person_account l1) SELECT p.driver_id FROM p"
                        + " JOIN (SELECT f.account_id AS mid_id, sum(f.amount) AS partial FROM profile_read.opportunity f"
                        + " WHERE (f.is_won = :p1) GROUP BY f.account_id) a ON a.mid_id = p.mid_id"
                        + " GROUP BY p.driver_id HAVING coalesce(sum(a.partial), 0) > :p2) g WHERE g.driver_id = e.person_id))"
                        + " AND (EXISTS (SELECT 1 FROM profile_read.event f WHERE f.person_id = e.person_id"
                        + " AND ((f.event_type = :p3) AND (strpos(f.url, :p4) > 0)"
                        + " AND (f.ts >= CAST(:now AS timestamptz) - (:p5 * interval '1 month') AND f.ts <= CAST(:now AS timestamptz)))))");
        assertThat(seed.parameters()).containsExactly(entry("p1", true), entry("p2", new BigDecimal("1000000")),
                entry("p3", "web.webpagedetails.pageViews"), entry("p4", "/products/new"), entry("p5", 1));
        assertThat(seed.timeDependent()).isTrue();
        assertThat(seed.referencedSegments()).isEmpty();
        assertThat(seed.paths()).containsExactly(java.util.List.of("accounts", "opportunities"), java.util.List.of("events"));
        assertThat(seed.normalisedQuery()).isEqualTo("sum(accounts.opportunities.amount where isWon = true) > 1000000"
                + " and exists(events where eventType = \"web.webpagedetails.pageViews\" and url contains \"/products/new\""
                + " and timestamp in last 1 month)");
    }

    @Test
    void shouldListTheColumnsAndFactsTheSeedReads() {
        Reads reads = person(SegmentLanguageFixtures.SEED).reads();

        assertThat(reads.columns()).containsOnlyKeys(ProfileReadEntity.OPPORTUNITY, ProfileReadEntity.EVENT);
        assertThat(reads.columns().get(ProfileReadEntity.OPPORTUNITY)).containsExactlyInAnyOrder("is_won", "amount");
        Reads.FactUse won = reads.factsOver(ProfileReadEntity.OPPORTUNITY).get(0);
        assertThat(won.filterColumns()).containsExactly("is_won");
        assertThat(won.valueColumn()).isEqualTo("amount");
        assertThat(won.filterSql()).isEqualTo("f.is_won = :p1");
        Reads.FactUse views = reads.factsOver(ProfileReadEntity.EVENT).get(0);
        assertThat(views.filterColumns()).containsExactlyInAnyOrder("event_type", "url", "ts");
        assertThat(views.valueColumn()).isNull();
        assertThat(reads.readsAny(ProfileReadEntity.PERSON, java.util.List.of("job_title"))).isFalse();
    }

    @Test
    void shouldListPersonColumnsReadThroughAPathAndAtTopLevel() {
        Reads reads = person("score > 50 and count(accounts.persons where jobTitle contains \"CTO\") >= 1").reads();

        assertThat(reads.columns().get(ProfileReadEntity.PERSON)).containsExactlyInAnyOrder("score", "job_title");
        assertThat(reads.factsOver(ProfileReadEntity.PERSON)).singleElement()
                .satisfies(use -> assertThat(use.valueColumn()).isNull());
    }

    @Test
    void shouldDrawAFullEvaluationFromItsFirstDrivingConjunctAndTestTheOthers() {
        CompiledSegment seed = person(SegmentLanguageFixtures.SEED);

        // the won total's drivers are the candidates; the page-view exists tests them; no scan of every person
        assertThat(seed.selectAll())
                .startsWith("SELECT e.person_id AS entity_id FROM (SELECT g.driver_id AS person_id FROM (WITH p AS")
                .endsWith(") g) e WHERE (e.person_id IS NOT NULL) AND (EXISTS (SELECT 1 FROM profile_read.event f"
                        + " WHERE f.person_id = e.person_id AND ((f.event_type = :p3) AND (strpos(f.url, :p4) > 0) AND (f.ts >="
                        + " CAST(:now AS timestamptz) - (:p5 * interval '1 month') AND f.ts <= CAST(:now AS timestamptz)))))")
                .doesNotContain("profile_read.person e");
        // a top-level not exists subtracts its set: one hashed EXCEPT, which also de-duplicates the candidates
        assertThat(person("exists(campaigns where hasResponded = true) and not exists(lists where name = \"List 7\")").selectAll())
                .isEqualTo("SELECT e.person_id AS entity_id FROM (SELECT f.person_id AS person_id"
                        + " FROM profile_read.campaign_membership f WHERE f.has_responded = :p1) e WHERE (e.person_id IS NOT NULL)"
                        + " EXCEPT SELECT f.person_id AS person_id FROM profile_read.list_membership f WHERE f.name = :p2");
        // for the membership diff, which de-duplicates only what changed: no hashing of the members before it
        CompiledSegment responders = person("exists(campaigns where hasResponded = true) and not exists(lists where name = \"List 7\")");
        assertThat(responders.repeats()).isTrue();
        assertThat(responders.selectRepeating())
                .isEqualTo("SELECT e.person_id AS entity_id FROM (SELECT f.person_id AS person_id"
                        + " FROM profile_read.campaign_membership f WHERE f.has_responded = :p1) e WHERE (e.person_id IS NOT NULL)"
                        + " AND (NOT (EXISTS (SELECT 1 FROM profile_read.list_membership f WHERE f.person_id = e.person_id"
                        + " AND (f.name = :p2))))");
        // other tests would run once per repetition: those rules de-duplicate first
        assertThat(seed.repeats()).isFalse();
        // whether PostgreSQL must guess how many pass a HAVING (EvaluationSettingsIT)
        assertThat(seed.aggregates()).isTrue();
        assertThat(responders.aggregates()).isFalse();
        assertThat(person("score > 50 or not (count(events) < 3)").aggregates()).isTrue();
        assertThat(person("exists(campaigns) and exists(lists)").repeats()).isFalse();
        // an exists under a not of something else, or under an or, stays a test
        assertThat(person("exists(campaigns) and not (exists(lists) and exists(events))").selectAll())
                .doesNotContain("EXCEPT").contains("NOT ((EXISTS (SELECT 1 FROM profile_read.list_membership f");
        assertThat(person("exists(campaigns) and (not exists(lists) or exists(events))").selectAll())
                .doesNotContain("EXCEPT").startsWith("SELECT e.person_id AS entity_id FROM (SELECT DISTINCT");
    }

    @Test
    void shouldScanTheAudienceWhenNoConjunctCanDriveOrItsAttributesAreRead() {
        String view = "SELECT e.person_id AS entity_id FROM profile_read.person e WHERE ";
        // an attribute of the person itself needs its row
        CompiledSegment attribute = person("score > 50 and exists(campaigns where hasResponded = true)");
        assertThat(attribute.selectAll()).isEqualTo(view + attribute.condition());
        // under or, not, or an aggregate that an empty set satisfies, nobody's set bounds the members
        for (String rule : java.util.List.of("exists(campaigns) or exists(lists)", "not exists(campaigns)",
                "count(events) < 3", "sum(accounts.opportunities.amount) <= 100")) {
            CompiledSegment compiled = person(rule);
            assertThat(compiled.selectAll()).as(rule).isEqualTo(view + compiled.condition());
        }
    }

    @Test
    void shouldBuildSelectAmongFromTheAudienceAndTheCondition() {
        CompiledSegment seed = person(SegmentLanguageFixtures.SEED);

        assertThat(seed.selectAmong()).startsWith("SELECT e.person_id AS entity_id FROM profile_read.person e WHERE ")
                .endsWith(" AND e.person_id = ANY(:ids)")
                // Streaming narrows each aggregate's scan to the candidates instead of aggregating everybody:
                // their accounts, and the opportunities of those accounts only.
                .contains("FROM profile_read.person_account l1 WHERE l1.person_id = ANY(:ids))")
                .contains("WHERE (f.is_won = :p1) AND f.account_id IN (SELECT p.mid_id FROM p) GROUP BY f.account_id")
                // a correlated exists is narrowed by e alone: a second "= ANY(:ids)" becomes an index probe per id
                .contains("WHERE f.person_id = e.person_id AND ((f.event_type = :p3)")
                .doesNotContain("f.person_id = ANY(:ids)");
    }

    @Test
    void shouldParenthesiseAnOrConditionBeforeRestrictingToCandidates() {
        assertThat(person("score = 1 or score = 2").selectAmong()).isEqualTo("SELECT e.person_id AS entity_id"
                + " FROM profile_read.person e WHERE ((e.score = :p1) OR (e.score = :p2)) AND e.person_id = ANY(:ids)");
    }

    @Test
    void shouldNeverInlineLiteralValues() {
        CompiledSegment compiled = person("email = \"x'; drop table person; --\" and country in (\"DE\", \"FR\")");

        assertThat(compiled.condition()).isEqualTo("(e.email = :p1) AND (e.country IN (:p2, :p3))");
        assertThat(compiled.parameters()).containsExactly(entry("p1", "x'; drop table person; --"), entry("p2", "DE"), entry("p3", "FR"));
    }

    @Test
    void shouldCompileTextOperatorsWithoutLikePatterns() {
        assertThat(person("email contains \"50%_off\"").condition()).isEqualTo("strpos(e.email, :p1) > 0");
        assertThat(person("email startsWith \"p2\"").condition()).isEqualTo("starts_with(e.email, :p1)");
    }

    @Test
    void shouldCompileNullChecksAndNegation() {
        assertThat(person("not (country is null or score is not null)").condition())
                .isEqualTo("NOT ((e.country IS NULL) OR (e.score IS NOT NULL))");
    }

    @Test
    void shouldSelectTheComplementWhenZeroSatisfiesACountOrSum() {
        assertThat(person("count(events) < 3").condition()).isEqualTo("NOT EXISTS (SELECT 1 FROM (SELECT f.person_id AS driver_id"
                + " FROM profile_read.event f GROUP BY f.person_id HAVING NOT (count(*) < :p1)) g WHERE g.driver_id = e.person_id)");
        assertThat(person("count(events) >= 1").condition()).isEqualTo("EXISTS (SELECT 1 FROM (SELECT f.person_id AS driver_id"
                + " FROM profile_read.event f GROUP BY f.person_id HAVING count(*) >= :p1) g WHERE g.driver_id = e.person_id)");
    }

    @Test
    void shouldNotDeduplicateForMinAndMax() {
        assertThat(person("max(accounts.opportunities.amount) >= 10").condition()).isEqualTo(
                "EXISTS (SELECT 1 FROM (SELECT l1.person_id AS driver_id FROM profile_read.person_account l1 JOIN profile_read.opportunity f"
                        + " ON f.account_id = l1.account_id GROUP BY l1.person_id HAVING max(f.amount) >= :p1) g WHERE g.driver_id = e.person_id)");
    }

    @Test
    void shouldJoinTheFinalEntityViewWhenThePathEndsOnALinkTable() {
        assertThat(person("avg(opportunities.amount) > 5").condition()).contains(
                "FROM profile_read.person r, profile_read.opportunity f WHERE EXISTS (SELECT 1 FROM profile_read.opportunity_person l1"
                        + " WHERE l1.person_id = r.person_id AND l1.opportunity_id = f.opportunity_id)"
                        + " GROUP BY r.person_id HAVING avg(f.amount) > :p1");
    }

    @Test
    void shouldCompileAccountAudiencePaths() {
        CompiledSegment compiled = SegmentLanguage.compile(Audience.ACCOUNT,
                "industry = \"Retail\" and exists(events where eventType = \"x\") and count(persons) >= 2");

        assertThat(compiled.selectAll()).startsWith("SELECT e.account_id AS entity_id FROM profile_read.account e WHERE ");
        assertThat(compiled.condition()).isEqualTo("(e.industry = :p1)"
                + " AND (EXISTS (SELECT 1 FROM profile_read.person_account l1 JOIN profile_read.event f ON f.person_id = l1.person_id"
                + " WHERE l1.account_id = e.account_id AND (f.event_type = :p2)))"
                + " AND (EXISTS (SELECT 1 FROM (SELECT r.account_id AS driver_id FROM profile_read.account r, profile_read.person f"
                + " WHERE EXISTS (SELECT 1 FROM profile_read.person_account l1 WHERE l1.account_id = r.account_id"
                + " AND l1.person_id = f.person_id) GROUP BY r.account_id HAVING count(*) >= :p3) g WHERE g.driver_id = e.account_id))");
    }

    @Test
    void shouldCountEachCampaignMembershipRowOnceAcrossPaths() {
        // memberships belong to one person each: counted per person, then over the account's distinct people
        assertThat(SegmentLanguage.compile(Audience.ACCOUNT, "count(persons.campaigns where hasResponded = true) > 1").condition())
                .contains("(WITH p AS (SELECT DISTINCT l1.account_id AS driver_id, l1.person_id AS mid_id FROM profile_read.person_account l1)"
                        + " SELECT p.driver_id FROM p JOIN (SELECT f.person_id AS mid_id, count(*) AS partial"
                        + " FROM profile_read.campaign_membership f WHERE (f.has_responded = :p1) GROUP BY f.person_id) a");
        // an average, or a path ending on people (one person can be reached through several accounts), pairs rows instead
        assertThat(SegmentLanguage.compile(Audience.ACCOUNT, "avg(persons.opportunities.amount) > 1").condition())
                .contains("FROM profile_read.account r, profile_read.opportunity f WHERE EXISTS (SELECT 1");
        assertThat(person("count(accounts.persons where score > 5) > 1").condition())
                .contains("FROM profile_read.person r, profile_read.person f WHERE EXISTS (SELECT 1"
                        + " FROM profile_read.person_account l1 JOIN profile_read.person_account l2 ON l2.account_id = l1.account_id"
                        + " WHERE l1.person_id = r.person_id AND l2.person_id = f.person_id)");
    }

    @Test
    void shouldCompileWindowsAgainstNow() {
        assertThat(person("exists(events where timestamp in last 15 minutes)").condition())
                .contains("f.ts >= CAST(:now AS timestamptz) - (:p1 * interval '1 minute') AND f.ts <= CAST(:now AS timestamptz)");
        assertThat(person("exists(events where timestamp in last 2 weeks)").condition()).contains("(:p1 * interval '7 days')");
        assertThat(person("exists(events where timestamp in previous calendar month)").condition()).contains(
                "f.ts >= (date_trunc('month', (CAST(:now AS timestamptz) AT TIME ZONE 'UTC')) - interval '1 month') AT TIME ZONE 'UTC'"
                        + " AND f.ts < date_trunc('month', (CAST(:now AS timestamptz) AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC'");
        assertThat(person("exists(opportunities where closeDate in last 30 days)").condition()).contains(
                "f.close_date >= CAST((CAST(:now AS timestamptz) AT TIME ZONE 'UTC') - (:p1 * interval '1 day') AS date)"
                        + " AND f.close_date <= CAST((CAST(:now AS timestamptz) AT TIME ZONE 'UTC') AS date)");
    }

    @Test
    void shouldTraceWindowCrossingsToThePeopleOrAccountsOwningTheFacts() {
        CompiledSegment closing = person("exists(opportunities where closeDate in last 30 days) or exists(events where timestamp in last 7 days)");

        assertThat(closing.timeCrossings()).extracting(TimeCrossing::ofAccounts).containsExactly(true, false);
        assertThat(closing.timeCrossings().get(0).sql()).isEqualTo("SELECT DISTINCT f.account_id AS id FROM profile_read.opportunity f"
                + " WHERE f.account_id IS NOT NULL AND ("
                + "(f.close_date >= CAST((CAST(:from AS timestamptz) AT TIME ZONE 'UTC') - (:p1 * interval '1 day') AS date)"
                + " AND f.close_date < CAST((CAST(:to AS timestamptz) AT TIME ZONE 'UTC') - (:p1 * interval '1 day') AS date))"
                + " OR (f.close_date > CAST((CAST(:from AS timestamptz) AT TIME ZONE 'UTC') AS date)"
                + " AND f.close_date <= CAST((CAST(:to AS timestamptz) AT TIME ZONE 'UTC') AS date)))");
        assertThat(closing.timeCrossings().get(1).sql()).contains("FROM profile_read.event f",
                "(f.ts >= CAST(:from AS timestamptz) - (:p2 * interval '1 day') AND f.ts < CAST(:to AS timestamptz) - (:p2 * interval '1 day'))"
                        + " OR (f.ts > CAST(:from AS timestamptz) AND f.ts <= CAST(:to AS timestamptz))");
        assertThat(person("exists(events where timestamp in previous calendar month)").timeCrossings().get(0).sql())
                .contains("(f.ts >= date_trunc('month', (CAST(:from AS timestamptz) AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC'"
                        + " AND f.ts < date_trunc('month', (CAST(:to AS timestamptz) AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC')");
    }

    @Test
    void shouldCompileBetweenAsInclusiveDays() {
        CompiledSegment onDate = person("exists(opportunities where closeDate between 2026-01-01 and \"2026-03-31\")");
        assertThat(onDate.condition()).contains("f.close_date BETWEEN CAST(:p1 AS date) AND CAST(:p2 AS date)");
        assertThat(onDate.parameters()).containsExactly(entry("p1", LocalDate.of(2026, 1, 1)), entry("p2", LocalDate.of(2026, 3, 31)));
        assertThat(onDate.timeDependent()).isFalse();

        CompiledSegment onTimestamp = person("exists(events where timestamp between 2026-10-01 and 2026-10-31)");
        assertThat(onTimestamp.condition()).contains("f.ts >= CAST(:p1 AS timestamptz) AND f.ts < CAST(:p2 AS timestamptz)");
        assertThat(onTimestamp.parameters()).containsExactly(
                entry("p1", OffsetDateTime.of(2026, 10, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
                entry("p2", OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC)));
    }

    @Test
    void shouldCompileInSegmentAndReportIt() {
        CompiledSegment compiled = person("inSegment(\"vip\") or inSegment(\"partners\")");

        assertThat(compiled.condition()).isEqualTo("(EXISTS (SELECT 1 FROM segmentation.membership m WHERE m.segment_id = :p1"
                + " AND m.entity_id = e.person_id AND m.active)) OR (EXISTS (SELECT 1 FROM segmentation.membership m"
                + " WHERE m.segment_id = :p2 AND m.entity_id = e.person_id AND m.active))");
        assertThat(compiled.referencedSegments()).containsExactly("vip", "partners");
        assertThat(compiled.timeDependent()).isFalse();
    }

    @Test
    void shouldExplainEachPredicateAndAggregateOfTheSeed() {
        CompiledSegment seed = person(SegmentLanguageFixtures.SEED + " and score >= 0");

        assertThat(seed.explanations()).extracting(FactQuery::description).containsExactly(
                "sum(accounts.opportunities.amount where isWon = true) > 1000000",
                "exists(events where eventType = \"web.webpagedetails.pageViews\" and url contains \"/products/new\""
                        + " and timestamp in last 1 month)",
                "score >= 0");
        assertThat(seed.explanations().get(0).sql())
                .startsWith("SELECT 'opportunity' AS fact_type, f.opportunity_id AS fact_id")
                .contains("WHERE l1.person_id = :entity_id AND (f.is_won = :p1) GROUP BY f.opportunity_id")
                .contains("concat('account ', l1.account_id, ' via ', l1.source_account_key)");
        assertThat(seed.explanations().get(2).sql()).contains("FROM profile_read.person e WHERE e.person_id = :entity_id");
    }

    @Test
    void shouldMatchTheDocumentedCatalogTables() throws Exception {
        java.nio.file.Path doc = locateDoc();
        org.junit.jupiter.api.Assumptions.assumeTrue(doc != null, "docs/segment-language.md not found from the working directory");

        assertThat(java.nio.file.Files.readString(doc)).contains(AttributeCatalog.markdownTables());
    }

    private static java.nio.file.Path locateDoc() {
        java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            java.nio.file.Path candidate = dir.resolve("docs/segment-language.md");
            if (java.nio.file.Files.exists(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
