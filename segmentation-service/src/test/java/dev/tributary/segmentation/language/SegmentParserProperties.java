package dev.tributary.segmentation.language;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever text arrives, the language answers with a rule or with its own located error: never another
 * exception, never a stack overflow (ADR 0022).
 */
class SegmentParserProperties {

    private static final QueryLimits LIMITS = QueryLimits.DEFAULT;

    @Property(tries = 2000)
    void shouldParseOrRefuseWithAPositionAnyString(@ForAll("anyText") String text) {
        parseValidateAndCompile(text);
    }

    @Property(tries = 2000)
    void shouldParseOrRefuseWithAPositionAMutatedValidRule(@ForAll("mutatedRules") String text) {
        parseValidateAndCompile(text);
    }

    @Property(tries = 300)
    void shouldParseOrRefuseWithAPositionDeeplyNestedText(@ForAll("deepText") String text) {
        parseValidateAndCompile(text);
    }

    /** Parses, then type-checks and compiles for both audiences: each step succeeds or throws a located error. */
    private static void parseValidateAndCompile(String text) {
        SegmentQuery query;
        try {
            query = SegmentLanguage.parse(text, LIMITS);
        } catch (SegmentQueryException e) {
            assertLocated(e, text);
            return;
        }
        for (Audience audience : Audience.values()) {
            try {
                CompiledSegment compiled = SegmentLanguage.compile(audience, query);
                assertThat(compiled.selectAll()).isNotBlank();
            } catch (SegmentQueryException e) {
                assertLocated(e, text);
            }
        }
    }

    private static void assertLocated(SegmentQueryException e, String text) {
        assertThat(e.errors()).isNotEmpty();
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        for (QueryError error : e.errors()) {
            assertThat(error.line()).as("line of %s", error).isBetween(1, (int) Math.min(Integer.MAX_VALUE, lines));
            assertThat(error.column()).as("column of %s", error).isPositive();
            assertThat(error.message()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> anyText() {
        return RuleTexts.anyText();
    }

    @Provide
    Arbitrary<String> mutatedRules() {
        return RuleTexts.mutatedRules();
    }

    @Provide
    Arbitrary<String> deepText() {
        return RuleTexts.deepText();
    }
}
