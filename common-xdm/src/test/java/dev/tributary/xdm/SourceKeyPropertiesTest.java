package dev.tributary.xdm;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SourceKeyPropertiesTest {

    @Property
    void shouldParseItsOwnCanonicalForm(@ForAll("sourceKeys") SourceKey key) {
        assertThat(SourceKey.parse(key.sourceKey())).isEqualTo(key);
        assertThat(SourceKey.fromJson(key.toJson())).isEqualTo(key);
    }

    @Provide
    Arbitrary<SourceKey> sourceKeys() {
        // source ids are free text, '@' and '.' included; the parser must still find the boundaries
        Arbitrary<String> sourceId = Arbitraries.strings().ofMinLength(1).ofMaxLength(30)
                .withChars("ab@.-_ 19Zé").filter(id -> !id.isBlank() && id.equals(id.trim()));
        Arbitrary<String> instanceId = Combinators.combine(
                Arbitraries.strings().withChars("aZ09").ofLength(1),
                Arbitraries.strings().withChars("aZ09_.-").ofMaxLength(15)).as(String::concat);
        Arbitrary<String> sourceType = Combinators.combine(
                Arbitraries.strings().withChars("aZ").ofLength(1),
                Arbitraries.strings().withChars("aZ09_").ofMaxLength(15)).as(String::concat);
        return Combinators.combine(sourceType, instanceId, sourceId).as(SourceKey::new);
    }
}
