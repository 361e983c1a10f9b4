package dev.tributary.ingestion.batch;

import dev.tributary.xdm.validation.XdmValidator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Whatever bytes a batch holds, the reader accounts for every non-blank line exactly once, as accepted or rejected,
 * keeps at most the configured rejected lines, and throws nothing but the line limit's 413.
 */
class NdjsonLinesProperties {

    private static final XdmValidator VALIDATOR = new XdmValidator();
    private static final int MAX_LINES = 40;
    private static final int MAX_REJECTED = 5;
    private static final NdjsonLines LINES = new NdjsonLines(VALIDATOR, MAX_LINES, MAX_REJECTED);

    private static final List<String> PIECES = List.of(
            "{\"class\":\"account\",\"data\":{\"accountKey\":\"A-1@crm-1.Salesforce\"}}",
            "{\"class\":\"account\",\"data\":{\"accountKey\":\"A-1@mkto-1.Marketo\"}}",
            "{\"class\":\"person\",\"data\":{\"personKey\":\"1@crm-1.Salesforce\",\"workEmail\":{\"address\":\"x\"}}}",
            "{\"class\":\"account\",\"data\":{\"accountKey\":\"A\\u0000@crm-1.Salesforce\"}}",
            "{\"class\":\"account\",\"data\":{\"accountKey\":\"A@crm-1.Salesforce\",\"n\":1e400}}",
            "{\"class\":\"campaignMember\",\"data\":{\"campaignMemberKey\":\"C@crm-1.Salesforce\",\"membershipDate\":\"9999-12-31T23:59:59-01:00\"}}",
            "{\"class\":\"account\",\"data\":{\"accountKey\":\"A@crm-1.Salesforce\",\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"9999-01-01T00:00:00Z\"}}}",
            "{\"class\":\"lead\",\"data\":{}}", "{\"class\":1}", "{}", "[]", "null", "\"x\"", "{", "}", "\\u0000", "\\ud800",
            "[[[[[[[[[[", "{\"class\":\"account\",\"data\":{\"accountKey\":{\"sourceKey\":[]}}}", " ", "\r", "\t", "\uFEFF");

    @Property(tries = 300)
    void shouldAccountForEveryLineAndThrowNothingButTheLineLimit(@ForAll("bodies") byte[] body) {
        List<Integer> accepted = new ArrayList<>();
        NdjsonLines.Outcome[] outcome = new NdjsonLines.Outcome[1];

        Throwable thrown = catchThrowable(() -> outcome[0] = LINES.read(new ByteArrayInputStream(body), Set.of("crm-1"),
                (line, validation) -> {
                    accepted.add(line);
                    return null;
                }));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(BatchTooManyLinesException.class);
            return;
        }
        assertThat(outcome[0].acceptedCount).isEqualTo(accepted.size());
        assertThat(outcome[0].acceptedCount + outcome[0].rejectedCount).isEqualTo(outcome[0].nonBlankLines);
        assertThat(outcome[0].rejected).hasSize(Math.min(MAX_REJECTED, outcome[0].rejectedCount))
                .allSatisfy(r -> assertThat(r.errors()).isNotEmpty());
        assertThat(accepted).isSorted().doesNotHaveDuplicates();
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of(PIECES),
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withChars("{}[]\":,\\u0abclsdt1e.-@ ").ofMaxLength(40));
        Arbitrary<byte[]> text = line.list().ofMaxSize(50)
                .map(lines -> String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, text), net.jqwik.api.Tuple.of(1, raw));
    }
}
