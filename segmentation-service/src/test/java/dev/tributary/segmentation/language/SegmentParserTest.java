package dev.tributary.segmentation.language;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.segmentation.language.Condition.Aggregate;
import dev.tributary.segmentation.language.Condition.AggregateComparison;
import dev.tributary.segmentation.language.Condition.And;
import dev.tributary.segmentation.language.Condition.Comparison;
import dev.tributary.segmentation.language.Condition.Exists;
import dev.tributary.segmentation.language.Condition.InList;
import dev.tributary.segmentation.language.Condition.InSegment;
import dev.tributary.segmentation.language.Condition.Not;
import dev.tributary.segmentation.language.Condition.NullCheck;
import dev.tributary.segmentation.language.Condition.Or;
import dev.tributary.segmentation.language.Condition.Window;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentParserTest {

    private static Condition parse(String text) {
        return SegmentLanguage.parse(text).condition();
    }

    private static Literal.StringValue text(String value) {
        return new Literal.StringValue(value);
    }

    private static Literal.NumberValue number(String value) {
        return new Literal.NumberValue(new BigDecimal(value));
    }

    @Test
    void shouldParseTheSeedAudience() {
        Condition seed = parse(SegmentLanguageFixtures.SEED);

        assertThat(seed).isEqualTo(new And(List.of(
                new AggregateComparison(new Aggregate(AggregateFunction.SUM, List.of("accounts", "opportunities"), "amount",
                        new Comparison("isWon", ComparisonOperator.EQ, new Literal.BooleanValue(true))),
                        ComparisonOperator.GT, new BigDecimal("1000000")),
                new Exists(List.of("events"), new And(List.of(
                        new Comparison("eventType", ComparisonOperator.EQ, text("web.webpagedetails.pageViews")),
                        new Comparison("url", ComparisonOperator.CONTAINS, text("/products/new")),
                        new Window("timestamp", new TimeWindow.Last(1, WindowUnit.MONTHS))))))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "score = 5     | EQ", "score != 5 | NE", "score <> 5 | NE", "score < 5 | LT",
            "score <= 5    | LE", "score > 5  | GT", "score >= 5 | GE"})
    void shouldParseEveryComparisonOperator(String text, ComparisonOperator operator) {
        assertThat(parse(text)).isEqualTo(new Comparison("score", operator, number("5")));
    }

    @Test
    void shouldParseTextOperatorsCaseInsensitively() {
        assertThat(parse("email CONTAINS \"@townsend\"")).isEqualTo(new Comparison("email", ComparisonOperator.CONTAINS, text("@townsend")));
        assertThat(parse("email startswith \"p2\"")).isEqualTo(new Comparison("email", ComparisonOperator.STARTS_WITH, text("p2")));
    }

    @Test
    void shouldParseLiteralsOfEveryKind() {
        assertThat(parse("x = \"say \\\"hi\\\" \\\\ now\"")).isEqualTo(new Comparison("x", ComparisonOperator.EQ, text("say \"hi\" \\ now")));
        assertThat(parse("x = -12.50")).isEqualTo(new Comparison("x", ComparisonOperator.EQ, number("-12.50")));
        assertThat(parse("x = TRUE")).isEqualTo(new Comparison("x", ComparisonOperator.EQ, new Literal.BooleanValue(true)));
        assertThat(parse("x = false")).isEqualTo(new Comparison("x", ComparisonOperator.EQ, new Literal.BooleanValue(false)));
        assertThat(parse("x >= 2026-10-01")).isEqualTo(new Comparison("x", ComparisonOperator.GE, new Literal.DateValue(LocalDate.of(2026, 10, 1))));
        assertThat(parse("x >= \"2026-10-01\"")).isEqualTo(new Comparison("x", ComparisonOperator.GE, text("2026-10-01")));
    }

    @Test
    void shouldParseInListAndNullChecks() {
        assertThat(parse("country in (\"DE\", \"FR\")")).isEqualTo(new InList("country", List.of(text("DE"), text("FR"))));
        assertThat(parse("country is null")).isEqualTo(new NullCheck("country", true));
        assertThat(parse("country IS NOT NULL")).isEqualTo(new NullCheck("country", false));
    }

    @Test
    void shouldParseEveryTimeWindow() {
        assertThat(parse("timestamp in last 15 minutes")).isEqualTo(new Window("timestamp", new TimeWindow.Last(15, WindowUnit.MINUTES)));
        assertThat(parse("timestamp in last 1 hour")).isEqualTo(new Window("timestamp", new TimeWindow.Last(1, WindowUnit.HOURS)));
        assertThat(parse("timestamp in last 30 days")).isEqualTo(new Window("timestamp", new TimeWindow.Last(30, WindowUnit.DAYS)));
        assertThat(parse("timestamp In Last 2 WEEKS")).isEqualTo(new Window("timestamp", new TimeWindow.Last(2, WindowUnit.WEEKS)));
        assertThat(parse("timestamp in previous calendar month")).isEqualTo(new Window("timestamp", new TimeWindow.PreviousCalendarMonth()));
        assertThat(parse("closeDate between 2026-01-01 and \"2026-03-31\""))
                .isEqualTo(new Window("closeDate", new TimeWindow.Between(new Literal.DateValue(LocalDate.of(2026, 1, 1)), text("2026-03-31"))));
    }

    @Test
    void shouldParseBetweenInsideAnAndChain() {
        assertThat(parse("closeDate between 2026-01-01 and 2026-03-31 and isWon = true")).isEqualTo(new And(List.of(
                new Window("closeDate", new TimeWindow.Between(new Literal.DateValue(LocalDate.of(2026, 1, 1)),
                        new Literal.DateValue(LocalDate.of(2026, 3, 31)))),
                new Comparison("isWon", ComparisonOperator.EQ, new Literal.BooleanValue(true)))));
    }

    @Test
    void shouldParseEveryAggregate() {
        assertThat(parse("count(opportunities) >= 2")).isEqualTo(new AggregateComparison(
                new Aggregate(AggregateFunction.COUNT, List.of("opportunities"), null, null), ComparisonOperator.GE, new BigDecimal("2")));
        for (AggregateFunction function : List.of(AggregateFunction.SUM, AggregateFunction.MIN, AggregateFunction.MAX, AggregateFunction.AVG)) {
            assertThat(parse(function.keyword().toUpperCase() + "(accounts.opportunities.amount) < 10")).isEqualTo(new AggregateComparison(
                    new Aggregate(function, List.of("accounts", "opportunities"), "amount", null), ComparisonOperator.LT, new BigDecimal("10")));
        }
        assertThat(parse("exists(lists where name = \"VIP\")"))
                .isEqualTo(new Exists(List.of("lists"), new Comparison("name", ComparisonOperator.EQ, text("VIP"))));
        assertThat(parse("inSegment(\"seg-42\")")).isEqualTo(new InSegment("seg-42"));
    }

    @Test
    void shouldBindNotTighterThanAndAndAndTighterThanOr() {
        Condition a = new Comparison("a", ComparisonOperator.EQ, number("1"));
        Condition b = new Comparison("b", ComparisonOperator.EQ, number("2"));
        Condition c = new Comparison("c", ComparisonOperator.EQ, number("3"));

        assertThat(parse("not a = 1 and b = 2 or c = 3")).isEqualTo(new Or(List.of(new And(List.of(new Not(a), b)), c)));
        assertThat(parse("not (a = 1 and (b = 2 or c = 3))")).isEqualTo(new Not(new And(List.of(a, new Or(List.of(b, c))))));
    }

    @Test
    void shouldKeepExplicitGroupingOfSameOperator() {
        Condition a = new Comparison("a", ComparisonOperator.EQ, number("1"));
        Condition b = new Comparison("b", ComparisonOperator.EQ, number("2"));
        Condition c = new Comparison("c", ComparisonOperator.EQ, number("3"));

        assertThat(parse("(a = 1 and b = 2) and c = 3")).isEqualTo(new And(List.of(new And(List.of(a, b)), c)));
        assertThat(SegmentLanguage.normalise(SegmentLanguage.parse("(a = 1 and b = 2) and c = 3")))
                .isEqualTo("(a = 1 and b = 2) and c = 3");
    }

    @Test
    void shouldNormaliseKeywordsSpacingAndUnits() {
        SegmentQuery query = SegmentLanguage.parse("""
                SUM( accounts.opportunities.amount WHERE isWon=TRUE )>1000000
                AND Exists(events WHERE timestamp IN LAST 1 MONTHS) or NOT score<>3""");

        assertThat(SegmentLanguage.normalise(query)).isEqualTo(
                "sum(accounts.opportunities.amount where isWon = true) > 1000000"
                        + " and exists(events where timestamp in last 1 month) or not score != 3");
        assertThat(SegmentLanguage.parse(SegmentLanguage.normalise(query))).isEqualTo(query);
    }

    @Test
    void shouldTypeCheckValidQueriesForBothAudiences() {
        SegmentLanguage.parse(Audience.PERSON, SegmentLanguageFixtures.SEED);
        SegmentLanguage.parse(Audience.ACCOUNT, "count(persons where jobTitle contains \"CTO\") >= 1 and sum(opportunities.amount) > 0"
                + " and exists(events where timestamp in previous calendar month) and exists(persons.opportunities)");
        SegmentLanguage.parse(Audience.PERSON, "exists(campaigns where hasResponded = true and membershipDate >= \"2026-10-01T09:30:00Z\")"
                + " and count(accounts.persons.events) > 3 and emailConsent = \"y\"");
    }
}
