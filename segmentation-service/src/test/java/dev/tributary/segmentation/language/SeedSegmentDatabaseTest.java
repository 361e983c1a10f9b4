package dev.tributary.segmentation.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs compiled segments on a real PostgreSQL holding the seed scenario. */
class SeedSegmentDatabaseTest {

    private static List<String> persons(String rule) {
        return SeedDatabase.selectAll(SegmentLanguage.compile(Audience.PERSON, rule));
    }

    @Test
    void shouldFindOnlyP2ForTheSeedAudience() {
        assertThat(persons(SegmentLanguageFixtures.SEED)).containsExactly("P2");
    }

    @Test
    void shouldFindNobodyWhenTheSeedIsEvaluatedPerSourceSystem() {
        assertThat(persons("sum(accounts.opportunities.amount where isWon = true and sourceInstance = \"crm-1\") > 1000000")).isEmpty();
        assertThat(persons("sum(accounts.opportunities.amount where isWon = true and sourceInstance = \"crm-2\") > 1000000")).isEmpty();
    }

    @Test
    void shouldCountEachOpportunityOnceThoughP2ReachesItThroughTwoSourceAccounts() {
        assertThat(persons("sum(accounts.opportunities.amount) = 1100000")).containsExactly("P1", "P2", "P3");
        assertThat(persons("count(accounts.opportunities) = 2")).containsExactly("P1", "P2", "P3");
        assertThat(persons("avg(accounts.opportunities.amount) = 550000")).containsExactly("P1", "P2", "P3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "count(events) = 0                                  | P4,P5",
            "count(events) < 2                                  | P1,P3,P4,P5",
            "sum(accounts.opportunities.amount) <= 1100000      | P1,P2,P3,P5",
            "not count(events) >= 1                             | P4,P5",
            "max(opportunities.amount) < 1000000000             | P1",
            "min(accounts.opportunities.amount) > 0 or score > 60 | P1,P2,P3,P4"})
    void shouldTreatNoRowsAsZeroForCountAndSumAndAsNullOtherwise(String rule, String expected) {
        assertThat(persons(rule)).containsExactly(expected.split(","));
    }

    @Test
    void shouldEvaluateAttributesWindowsMembershipsAndSegments() {
        assertThat(persons("country in (\"US\", \"DE\") and not email startsWith \"p1\"")).containsExactly("P2", "P3");
        assertThat(persons("country != \"US\"")).containsExactly("P3", "P4");
        assertThat(persons("country is null")).containsExactly("P5");
        assertThat(persons("exists(events where timestamp in previous calendar month)")).containsExactly("P2");
        assertThat(persons("exists(events where timestamp in last 10 days)")).containsExactly("P3");
        assertThat(persons("exists(events where timestamp between 2026-08-01 and 2026-08-01)")).containsExactly("P1");
        assertThat(persons("exists(opportunities where closeDate between 2026-06-30 and 2026-06-30)")).containsExactly("P1");
        assertThat(persons("exists(accounts.opportunities where closeDate in last 3 months)")).containsExactly("P1", "P2", "P3");
        assertThat(persons("exists(campaigns where hasResponded = true and membershipDate >= 2026-11-01)")).containsExactly("P1");
        assertThat(persons("exists(lists where name = \"VIP\")")).containsExactly("P3");
        assertThat(persons("inSegment(\"vip\")")).containsExactly("P3");
        assertThat(persons("count(accounts.persons) >= 3")).containsExactly("P1", "P2", "P3");
        assertThat(persons("exists(accounts.events where url contains \"/products/new\" and timestamp in last 1 month)"))
                .containsExactly("P1", "P2", "P3");
    }

    @Test
    void shouldEvaluateAccountAudiences() {
        CompiledSegment townsend = SegmentLanguage.compile(Audience.ACCOUNT,
                "sum(opportunities.amount where isWon = true) > 1000000 and count(persons) = 3"
                        + " and exists(events where url contains \"/products/new\")");

        assertThat(SeedDatabase.selectAll(townsend)).containsExactly("U1");
        assertThat(SeedDatabase.selectAll(SegmentLanguage.compile(Audience.ACCOUNT, "count(persons.opportunities) >= 1")))
                .containsExactly("U1");
    }

    @Test
    void shouldGiveTheSameAnswerAmongCandidatesAsForEverybody() {
        CompiledSegment seed = SegmentLanguage.compile(Audience.PERSON, SegmentLanguageFixtures.SEED);

        assertThat(SeedDatabase.selectAmong(seed, List.of("P1", "P2"))).containsExactly("P2");
        assertThat(SeedDatabase.selectAmong(seed, List.of("P1", "P3", "P9"))).isEmpty();
    }

    @Test
    void shouldExplainP2WithBothOpportunitiesTheirSourceAccountsAndThePageView() {
        CompiledSegment seed = SegmentLanguage.compile(Audience.PERSON, SegmentLanguageFixtures.SEED);

        List<Map<String, Object>> opportunities = SeedDatabase.explain(seed, seed.explanations().get(0), "P2");
        assertThat(opportunities).extracting(r -> r.get("fact_type"), r -> r.get("fact_id"), r -> r.get("label"), r -> r.get("amount"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("opportunity", "O1@crm-1.Salesforce", "Opportunity 1", new BigDecimal("2E+5")),
                        org.assertj.core.groups.Tuple.tuple("opportunity", "O2@crm-2.Salesforce", "Opportunity 2", new BigDecimal("9E+5")));
        String via = opportunities.stream().map(r -> (String) r.get("via")).reduce("", String::concat);
        assertThat(via).contains("opportunity of account U1 through source account A1@crm-1.Salesforce")
                .contains("opportunity of account U1 through source account A2@crm-2.Salesforce");

        List<Map<String, Object>> visits = SeedDatabase.explain(seed, seed.explanations().get(1), "P2");
        assertThat(visits).singleElement().satisfies(row -> {
            assertThat(row.get("fact_id")).isEqualTo("E1");
            assertThat(row.get("label")).isEqualTo("web.webpagedetails.pageViews https://bodea.com/products/new");
            assertThat(row.get("at").toString()).contains("2026-11-10");
        });
    }

    @Test
    void shouldExplainAttributePredicatesWithTheirValue() {
        CompiledSegment rule = SegmentLanguage.compile(Audience.PERSON, "score >= 50 and inSegment(\"vip\")");

        assertThat(SeedDatabase.explain(rule, rule.explanations().get(0), "P3")).singleElement()
                .satisfies(row -> assertThat(row.get("label")).isEqualTo("score = 90"));
        assertThat(SeedDatabase.explain(rule, rule.explanations().get(1), "P3")).singleElement()
                .satisfies(row -> assertThat(row.get("fact_id")).isEqualTo("vip"));
    }
}
