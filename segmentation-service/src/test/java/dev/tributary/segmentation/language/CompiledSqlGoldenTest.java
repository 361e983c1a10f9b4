package dev.tributary.segmentation.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Every rule the tests, the benchmarks and docs/segment-language.md use, with everything the compiler made of it:
 * the compiler's passes may be rearranged, its SQL text may not change unnoticed (the benchmarks measured it). A
 * change of the SQL that is meant rewrites the file: {@code -Dcdp.golden.write=true -Dtest=CompiledSqlGoldenTest}.
 */
class CompiledSqlGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/language/compiled-rules.golden");
    private static final String RULE = "### ";

    @Test
    void shouldCompileEveryKnownRuleToTheSqlItCompiledToBefore() throws IOException {
        List<Rule> rules = read();

        assertThat(rules).hasSizeGreaterThan(200);
        for (Rule rule : rules) {
            assertThat(render(rule.audience(), rule.text())).as(rule.text()).isEqualTo(rule.compiled());
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "cdp.golden.write", matches = "true")
    void writeTheGoldenFileAgain() throws IOException {
        StringBuilder out = new StringBuilder();
        for (Rule rule : read()) {
            out.append(RULE).append(rule.audience()).append(' ').append(escape(rule.text())).append('\n')
                    .append(render(rule.audience(), rule.text()));
        }
        Files.writeString(GOLDEN, out, StandardCharsets.UTF_8);
    }

    private record Rule(Audience audience, String text, String compiled) {
    }

    private static List<Rule> read() throws IOException {
        List<Rule> rules = new ArrayList<>();
        List<String> lines = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); ) {
            String header = lines.get(i++).substring(RULE.length());
            int space = header.indexOf(' ');
            StringBuilder compiled = new StringBuilder();
            while (i < lines.size() && !lines.get(i).startsWith(RULE)) {
                compiled.append(lines.get(i++)).append('\n');
            }
            rules.add(new Rule(Audience.valueOf(header.substring(0, space)), unescape(header.substring(space + 1)),
                    compiled.toString()));
        }
        return rules;
    }

    /** Everything {@link SegmentLanguage#compile} makes of a rule, one line per part. */
    static String render(Audience audience, String text) {
        CompiledSegment c = SegmentLanguage.compile(audience, text);
        StringBuilder out = new StringBuilder();
        line(out, "condition", c.condition());
        line(out, "parameters", c.parameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue() + " (" + e.getValue().getClass().getSimpleName() + ")")
                .collect(Collectors.joining("; ")));
        line(out, "selectAll", c.selectAll());
        line(out, "selectRepeating", c.repeats() ? c.selectRepeating() : "(selectAll)");
        line(out, "selectAmong", c.selectAmong());
        line(out, "normalisedQuery", c.normalisedQuery());
        c.explanations().forEach(f -> line(out, "explanation", f.description() + " => " + f.sql()));
        c.timeCrossings().forEach(t -> line(out, "timeCrossing", (t.ofAccounts() ? "accounts" : "people") + " => " + t.sql()));
        line(out, "referencedSegments", c.referencedSegments().toString());
        line(out, "paths", c.paths().toString());
        for (Map.Entry<ProfileReadEntity, Set<String>> read : c.reads().columns().entrySet()) {
            line(out, "reads", read.getKey() + " " + read.getValue());
        }
        c.reads().facts().forEach(f -> line(out, "fact", f.type() + " " + f.filterColumns().stream().sorted().toList()
                + " value " + f.valueColumn() + " where " + f.filterSql()));
        line(out, "aggregates", Boolean.toString(c.aggregates()));
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(escape(value)).append('\n');
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
