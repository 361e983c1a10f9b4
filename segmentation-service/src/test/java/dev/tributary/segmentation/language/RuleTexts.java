package dev.tributary.segmentation.language;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;

/** Rule text that is mostly not a rule, for the properties that every input gets a rule or a located error. */
public final class RuleTexts {

    private RuleTexts() {
    }

    /** Any characters, printable ones, and the language's tokens in any order. */
    public static Arbitrary<String> anyText() {
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').withChars('\n', '\t', 'é', '中', '\u0000')
                .ofMaxLength(80);
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> words = Arbitraries.of(TOKENS).list().ofMaxSize(25).map(ts -> String.join(" ", ts));
        Arbitrary<String> glued = Arbitraries.of(TOKENS).list().ofMaxSize(25).map(ts -> String.join("", ts));
        return Arbitraries.oneOf(printable, anyChars, words, glued);
    }

    /** Valid rules (typed, and of the whole grammar) with a few edits: inserted, dropped or replaced tokens, cuts. */
    public static Arbitrary<String> mutatedRules() {
        Arbitrary<String> valid = Arbitraries.oneOf(RandomQueries.personQueries(),
                RandomQueries.anyConditions().map(c -> SegmentLanguage.normalise(SegmentQuery.of(c))));
        return Combinators.combine(valid, MUTATION.list().ofMinSize(1).ofMaxSize(4))
                .as((rule, mutations) -> {
                    String text = rule;
                    for (Mutation m : mutations) {
                        text = m.apply(text);
                    }
                    return text;
                });
    }

    /** Twenty to sixty levels of parentheses, nots and aggregates, closed or not. */
    public static Arbitrary<String> deepText() {
        Arbitrary<String> opener = Arbitraries.of("(", "not ", "count(events where ", "exists(accounts where ", "sum(x.y where ");
        return Combinators.combine(opener.list().ofMinSize(20).ofMaxSize(60), Arbitraries.of(TOKENS),
                        Arbitraries.integers().between(0, 60))
                .as((openers, middle, closers) -> String.join("", openers) + middle + ")".repeat(closers));
    }

    private static final List<String> TOKENS = List.of("(", ")", "not", "and", "or", "score", "country", "=", "!=", "<>",
            "<", "<=", ">", ">=", "\"US\"", "\"", "\\", "1", "-1", "1.5", "2026-10-01", "2026-13-45", "9999-99-99",
            "99999999999999999999999", "true", "false", "null", "is", "in", "last", "7", "days", "months", "previous",
            "calendar", "month", "between", "where", "exists", "count", "sum", "min", "max", "avg", "inSegment",
            "events", "accounts", "opportunities", "amount", "timestamp", ".", ",", "contains", "startsWith", "url",
            "\"2026-10-01T09:30:00Z\"", "@", "#", "0000-01-01", "-0", "1e5", "\n", "\t");

    /** A small edit at a random place: the way a person mistypes, or a client truncates. */
    record Mutation(int kind, int at, String token) {

        String apply(String text) {
            int i = text.isEmpty() ? 0 : Math.floorMod(at, text.length() + 1);
            return switch (kind) {
                case 0 -> text.substring(0, i) + token + text.substring(i);
                case 1 -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text;
                case 2 -> text.substring(0, i);
                case 3 -> i < text.length() ? text.substring(0, i) + token + text.substring(i + 1) : text + token;
                default -> text.substring(i) + text.substring(0, i);
            };
        }
    }

    private static final Arbitrary<Mutation> MUTATION = Combinators.combine(Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 10_000), Arbitraries.of(TOKENS)).as(Mutation::new);
}
