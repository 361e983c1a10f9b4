package dev.tributary.segmentation.language;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SegmentQueryLimitsTest {

    private static final QueryLimits LIMITS = QueryLimits.DEFAULT;

    private static QueryError errorOf(String text, QueryLimits limits) {
        SegmentQueryException e = catchThrowableOfType(SegmentQueryException.class, () -> SegmentLanguage.parse(text, limits));
        assertThat(e).as("expected an error for a rule of %d characters", text.length()).isNotNull();
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0);
    }

    @Test
    void shouldRefuseTenThousandNestedParenthesesAtTheLevelTooManyWithoutOverflowingTheStack() {
        String text = "(".repeat(10_000) + "score > 1" + ")".repeat(10_000);

        QueryError error = errorOf(text, new QueryLimits(100_000, 32));

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 33);
        assertThat(error.message()).contains("nesting deeper than 32 levels");
    }

    @Test
    void shouldRefuseTenThousandNestedParenthesesEvenUnderTheStoredCeiling() {
        String text = "(".repeat(10_000) + "score > 1" + ")".repeat(10_000);

        QueryError error = errorOf(text, QueryLimits.STORED);

        assertThat(error.column()).isEqualTo(QueryLimits.DEPTH_CEILING + 1);
    }

    @Test
    void shouldRefuseTooManyNotsAtTheNotTooMany() {
        QueryError error = errorOf("not ".repeat(5_000) + "score > 1", new QueryLimits(100_000, 32));

        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(1, 32 * 4 + 1);
    }

    @Test
    void shouldCountAggregatesAndExistsAsLevels() {
        // count(events where exists(...)) nests; parsing alone checks depth, not whether where may hold an aggregate
        String nested = "count(events where ".repeat(40) + "score > 1" + ") > 1".repeat(40);

        QueryError error = errorOf(nested, LIMITS);

        assertThat(error.column()).isEqualTo(32 * "count(events where ".length() + 1);
    }

    @Test
    void shouldAcceptARuleExactlyAsDeepAsTheLimit() {
        String text = "(".repeat(31) + "not score > 1" + ")".repeat(31);

        assertThatCode(() -> SegmentLanguage.compile(Audience.PERSON, text)).doesNotThrowAnyException();
        assertThat(errorOf("(" + text + ")", LIMITS).message()).contains("nesting deeper than 32 levels");
    }

    @Test
    void shouldRefuseTextLongerThanTheLimitAtItsFirstCharacterBeyondIt() {
        String line = "score > 1 or\n";
        String text = line.repeat(1_000) + "score > 2";

        QueryError error = errorOf(text, new QueryLimits(10_000, 32));

        // character 10,001 is the 12th of line 770 (769 full lines of 13 characters are 9,997)
        assertThat(error).extracting(QueryError::line, QueryError::column).containsExactly(770, 4);
        assertThat(error.message()).contains("at most 10000 characters").contains(Integer.toString(text.length()));
    }

    @Test
    void shouldAcceptTextExactlyAsLongAsTheLimit() {
        String text = "score > 1" + " ".repeat(10_000 - 9);

        assertThatCode(() -> SegmentLanguage.parse(text, LIMITS)).doesNotThrowAnyException();
        assertThat(errorOf(text + " ", LIMITS).column()).isEqualTo(10_001);
    }

    @Test
    void shouldShowAnUnprintableCharacterByItsCode() {
        QueryError error = errorOf("score > 1 and \u0007", LIMITS);

        assertThat(error.message()).isEqualTo("unexpected character U+0007");
        assertThat(error.column()).isEqualTo(15);
    }
}
