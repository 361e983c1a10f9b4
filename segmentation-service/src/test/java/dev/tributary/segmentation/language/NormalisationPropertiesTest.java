package dev.tributary.segmentation.language;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

class NormalisationPropertiesTest {

    @Property(tries = 1000)
    void shouldParseNormalisedTextBackToTheSameTree(@ForAll("anyConditions") Condition condition) {
        String normalised = SegmentLanguage.normalise(SegmentQuery.of(condition));

        assertThat(SegmentLanguage.parse(normalised).condition()).isEqualTo(condition);
    }

    @Property(tries = 300)
    void shouldBeStableWhenNormalisingTwice(@ForAll("anyConditions") Condition condition) {
        String once = SegmentLanguage.normalise(SegmentQuery.of(condition));

        assertThat(SegmentLanguage.normalise(SegmentLanguage.parse(once))).isEqualTo(once);
    }

    @Property(tries = 500)
    void shouldCompileEveryRandomPersonQueryWithOneParameterPerPlaceholder(@ForAll("personQueries") String text) {
        CompiledSegment compiled = SegmentLanguage.compile(Audience.PERSON, text);

        for (String name : compiled.parameters().keySet()) {
            assertThat(compiled.selectAll()).contains(":" + name);
        }
        assertThat(compiled.selectAll()).doesNotContain(":p" + (compiled.parameters().size() + 1));
        assertThat(SegmentLanguage.parse(compiled.normalisedQuery())).isEqualTo(SegmentLanguage.parse(text));
    }

    @Provide
    Arbitrary<Condition> anyConditions() {
        return RandomQueries.anyConditions();
    }

    @Provide
    Arbitrary<String> personQueries() {
        return RandomQueries.personQueries();
    }
}
