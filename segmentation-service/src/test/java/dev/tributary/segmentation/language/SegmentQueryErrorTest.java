package dev.tributary.segmentation.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentQueryErrorTest {

    private static List<QueryError> errorsOf(Audience audience, String text) {
        SegmentQueryException e = catchThrowableOfType(SegmentQueryException.class, () -> SegmentLanguage.parse(audience, text));
        assertThat(e).as("expected an error for: %s", text).isNotNull();
        return e.errors();
    }

    private static QueryError errorOf(String text) {
        List<QueryError> errors = errorsOf(Audience.PERSON, text);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void shouldReportUnknownAttributeWithLineAndColumn() {
        QueryError error = errorOf("score > 5\nand  shoeSize = 42");

        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(6);
        assertThat(error.message()).contains("unknown attribute 'shoeSize' of person").contains("score");
    }

    @Test
    void shouldReportUnknownAttributeInsideWhereAgainstTheFinalEntity() {
        QueryError error = errorOf("exists(events where score > 5)");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 21);
        assertThat(error.message()).contains("unknown attribute 'score' of event");
    }

    @Test
    void shouldReportUnknownPathAtTheSegment() {
        QueryError error = errorOf("count(accounts.deals) > 1");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 16);
        assertThat(error.message()).contains("unknown path 'deals' from account").contains("opportunities");
    }

    @Test
    void shouldReportPathThatOnlyExistsForTheOtherAudience() {
        assertThat(errorsOf(Audience.ACCOUNT, "exists(accounts)").get(0).message()).contains("unknown path 'accounts' from account");
        assertThat(errorsOf(Audience.PERSON, "exists(persons)").get(0).message()).contains("unknown path 'persons' from person");
    }

    @Test
    void shouldReportTextOperatorOnNumberAtTheOperator() {
        QueryError error = errorOf("exists(opportunities where amount contains 3)");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 35);
        assertThat(error.message()).contains("'contains' needs a text attribute").contains("NUMBER");
    }

    @Test
    void shouldReportOrderingOnBooleanAtTheOperator() {
        QueryError error = errorOf("exists(opportunities where isWon > 5)");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 34);
        assertThat(error.message()).contains("BOOLEAN");
    }

    @Test
    void shouldReportLiteralOfTheWrongTypeAtTheValue() {
        QueryError error = errorOf("score = \"high\"");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 9);
        assertThat(error.message()).contains("score is NUMBER");
    }

    @Test
    void shouldReportUnquotedTextValue() {
        QueryError error = errorOf("country = DE");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 11);
        assertThat(error.message()).contains("double quotes");
    }

    @Test
    void shouldReportSumOfNonNumber() {
        QueryError error = errorOf("sum(accounts.opportunities.stage) > 1");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 28);
        assertThat(error.message()).contains("sum needs a NUMBER attribute");
    }

    @Test
    void shouldReportSumWithoutAttribute() {
        QueryError error = errorOf("sum(opportunities) > 1");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 5);
        assertThat(error.message()).contains("sum needs an attribute");
    }

    @Test
    void shouldReportAggregateComparedWithText() {
        QueryError error = errorOf("count(events) > \"3\"");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 17);
        assertThat(error.message()).contains("compares with a number");
    }

    @Test
    void shouldReportZeroLengthWindowAtTheAmount() {
        QueryError error = errorOf("exists(events where timestamp in last 0 days)");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 39);
        assertThat(error.message()).contains("at least 1 day");
    }

    @Test
    void shouldReportAbsurdlyLongWindow() {
        QueryError error = errorOf("exists(events where timestamp in last 100000 months)");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 39);
        assertThat(error.message()).contains("at most about 10 years").contains("120 months");
    }

    @Test
    void shouldReportWindowOnNonTemporalAttribute() {
        QueryError error = errorOf("score in last 3 days");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 7);
        assertThat(error.message()).contains("TIMESTAMP or DATE");
    }

    @Test
    void shouldReportBetweenBoundsInTheWrongOrder() {
        QueryError error = errorOf("exists(opportunities where closeDate between 2026-05-01 and 2026-01-01)");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 46);
        assertThat(error.message()).contains("earlier date first");
    }

    @Test
    void shouldReportInvalidDate() {
        QueryError error = errorOf("exists(opportunities where closeDate > 2026-02-30)");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 40);
        assertThat(error.message()).contains("invalid date");
    }

    @Test
    void shouldReportUnterminatedStringAtItsOpeningQuote() {
        QueryError error = errorOf("score > 1 and\n  country = \"DE");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(2, 13);
        assertThat(error.message()).isEqualTo("unterminated string");
    }

    @Test
    void shouldReportTrailingTokens() {
        QueryError error = errorOf("score > 1 country = \"DE\"");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 11);
        assertThat(error.message()).contains("unexpected 'country' after a complete condition");
    }

    @Test
    void shouldReportMissingClosingParenthesisAtEndOfInput() {
        QueryError error = errorOf("(score > 1");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 11);
        assertThat(error.message()).isEqualTo("expected ')' but found end of input");
    }

    @Test
    void shouldReportMissingOperator() {
        QueryError error = errorOf("score 5");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 7);
        assertThat(error.message()).contains("expected an operator");
    }

    @Test
    void shouldReportEqualsNull() {
        assertThat(errorOf("country = null").message()).contains("is null");
    }

    @Test
    void shouldReportUnknownFunction() {
        QueryError error = errorOf("score > 1 and median(events) > 1");

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 15);
    }

    @Test
    void shouldReportAggregateInsideWhere() {
        assertThat(errorOf("exists(accounts where count(persons) > 1)").message()).contains("only test attributes of account");
    }

    @Test
    void shouldReportEmptyRule() {
        assertThat(errorOf("   ").message()).contains("empty rule");
    }

    @Test
    void shouldReportEveryTypeErrorAtOnceInTextOrder() {
        List<QueryError> errors = errorsOf(Audience.PERSON, "foo = 1 and\nbar = 2");

        assertThat(errors).extracting(QueryError::line, QueryError::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(2, 1));
    }

    @Test
    void shouldReportTypeErrorsWithPositionsWhenCompilingAParsedQuery() {
        SegmentQuery parsed = SegmentLanguage.parse("country = \"DE\" and\n   employees > 10");

        SegmentQueryException e = catchThrowableOfType(SegmentQueryException.class,
                () -> SegmentLanguage.compile(Audience.PERSON, parsed));

        assertThat(e.errors()).containsExactly(new QueryError(2, 4,
                e.errors().get(0).message()));
        assertThat(SegmentLanguage.compile(Audience.ACCOUNT, parsed).condition()).contains("e.employees > :p2");
    }
}
