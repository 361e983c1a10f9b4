package dev.tributary.segmentation.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every random rule runs on PostgreSQL, and selectAmong agrees with selectAll on the candidates. */
class StreamingMatchesBatchPropertyTest {

    private static final List<String> PEOPLE = List.of("P1", "P2", "P3", "P4", "P5");

    @Property(tries = 200)
    void shouldSelectAmongCandidatesWhatSelectAllSelects(@ForAll("personQueries") String rule,
                                                         @ForAll("candidates") List<String> candidates) {
        CompiledSegment compiled = SegmentLanguage.compile(Audience.PERSON, rule);

        List<String> everybody = SeedDatabase.selectAll(compiled);
        List<String> among = SeedDatabase.selectAmong(compiled, candidates);

        assertThat(among).containsExactlyElementsOf(everybody.stream().filter(candidates::contains).toList());
    }

    @Provide
    Arbitrary<String> personQueries() {
        return RandomQueries.personQueries();
    }

    @Provide
    Arbitrary<List<String>> candidates() {
        return Arbitraries.of(PEOPLE).list().ofMinSize(1).ofMaxSize(5).uniqueElements();
    }
}
