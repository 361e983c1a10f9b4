package dev.tributary.segmentation.language;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random rules for property tests.
 *
 * <p>{@link #personQueries()} gives valid person-audience rules over a small attribute set whose
 * values match small test populations (scores 0..100, a few countries, opportunity amounts in the
 * 100k..1M range, page views of "/products/new"), so that generated rules select some people and
 * not others. Use it to compare evaluation modes (batch {@code selectAll} vs streaming
 * {@code selectAmong}) on a real database; every rule compiles with
 * {@code SegmentLanguage.compile(Audience.PERSON, text)}.
 *
 * <p>{@link #anyConditions()} covers the whole grammar with arbitrary names and values (not
 * type-correct), for syntax properties such as the normalisation round trip.
 */
public final class RandomQueries {

    public static final List<String> COUNTRIES = List.of("US", "DE", "FR", "CN");
    public static final List<String> EVENT_TYPES = List.of("web.webpagedetails.pageViews", "commerce.purchases");

    private static final List<BigDecimal> AMOUNTS = List.of("0", "100000", "200000", "900000", "1000000", "1100000", "2000000")
            .stream().map(BigDecimal::new).toList();

    private RandomQueries() {
    }

    /** Valid person-audience rules in normalised text. */
    public static Arbitrary<String> personQueries() {
        return personConditions().map(c -> SegmentLanguage.normalise(SegmentQuery.of(c)));
    }

    /** Valid person-audience rules as trees. */
    public static Arbitrary<Condition> personConditions() {
        return Arbitraries.lazyOf(
                RandomQueries::personLeaf, RandomQueries::personLeaf, RandomQueries::personLeaf,
                () -> compound(personConditions()));
    }

    private static Arbitrary<Condition> personLeaf() {
        Arbitrary<Condition> score = Combinators.combine(numericOperators(), Arbitraries.integers().between(0, 100))
                .as((op, n) -> new Condition.Comparison("score", op, new Literal.NumberValue(BigDecimal.valueOf(n))));
        Arbitrary<Condition> country = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(ComparisonOperator.EQ, ComparisonOperator.NE, ComparisonOperator.STARTS_WITH),
                        Arbitraries.of(COUNTRIES)).as((op, c) -> new Condition.Comparison("country", op, new Literal.StringValue(c))),
                Arbitraries.of(COUNTRIES).list().ofMinSize(1).ofMaxSize(3).uniqueElements()
                        .map(cs -> new Condition.InList("country", cs.stream().<Literal>map(Literal.StringValue::new).toList())),
                Arbitraries.of(true, false).map(isNull -> new Condition.NullCheck("country", isNull)));
        Arbitrary<Condition> sum = Combinators.combine(opportunityWhere().injectNull(0.3), numericOperators(), Arbitraries.of(AMOUNTS))
                .as((where, op, n) -> new Condition.AggregateComparison(
                        new Condition.Aggregate(AggregateFunction.SUM, List.of("accounts", "opportunities"), "amount", where), op, n));
        Arbitrary<Condition> count = Combinators.combine(
                        Arbitraries.of(List.of("events"), List.of("accounts", "opportunities")), numericOperators(),
                        Arbitraries.integers().between(0, 3))
                .as((path, op, n) -> new Condition.AggregateComparison(
                        new Condition.Aggregate(AggregateFunction.COUNT, path, null, null), op, BigDecimal.valueOf(n)));
        Arbitrary<Condition> countEvents = Combinators.combine(eventWhere(), numericOperators(), Arbitraries.integers().between(0, 3))
                .as((where, op, n) -> new Condition.AggregateComparison(
                        new Condition.Aggregate(AggregateFunction.COUNT, List.of("events"), null, where), op, BigDecimal.valueOf(n)));
        Arbitrary<Condition> existsEvents = eventWhere().injectNull(0.2).map(where -> new Condition.Exists(List.of("events"), where));
        Arbitrary<Condition> existsOpportunities = opportunityWhere().injectNull(0.2)
                .map(where -> new Condition.Exists(List.of("accounts", "opportunities"), where));
        // paths that come back to people: opportunities the person is a contact of, co-workers, co-workers' events
        Arbitrary<Condition> contactOf = opportunityWhere().injectNull(0.3).map(where -> new Condition.Exists(List.of("opportunities"), where));
        Arbitrary<Condition> coworkers = Combinators.combine(numericOperators(), Arbitraries.integers().between(0, 100),
                        numericOperators(), Arbitraries.integers().between(0, 3))
                .as((scoreOp, minimum, op, n) -> new Condition.AggregateComparison(new Condition.Aggregate(AggregateFunction.COUNT,
                        List.of("accounts", "persons"), null, new Condition.Comparison("score", scoreOp,
                        new Literal.NumberValue(BigDecimal.valueOf(minimum)))), op, BigDecimal.valueOf(n)));
        Arbitrary<Condition> coworkersEvents = eventWhere().injectNull(0.2).map(where -> new Condition.Exists(List.of("accounts", "events"), where));
        return Arbitraries.oneOf(score, country, sum, count, countEvents, existsEvents, existsOpportunities,
                contactOf, coworkers, coworkersEvents);
    }

    private static Arbitrary<Condition> opportunityWhere() {
        Arbitrary<Condition> leaf = Arbitraries.oneOf(
                Arbitraries.of(true, false).map(won -> new Condition.Comparison("isWon", ComparisonOperator.EQ, new Literal.BooleanValue(won))),
                Combinators.combine(numericOperators(), Arbitraries.of(AMOUNTS))
                        .as((op, n) -> new Condition.Comparison("amount", op, new Literal.NumberValue(n))));
        return Arbitraries.oneOf(leaf, leaf.list().ofSize(2).map(Condition.And::new));
    }

    private static Arbitrary<Condition> eventWhere() {
        Arbitrary<Condition> leaf = Arbitraries.oneOf(
                Arbitraries.of(EVENT_TYPES).map(t -> new Condition.Comparison("eventType", ComparisonOperator.EQ, new Literal.StringValue(t))),
                Arbitraries.of(ComparisonOperator.CONTAINS, ComparisonOperator.STARTS_WITH)
                        .map(op -> new Condition.Comparison("url", op, new Literal.StringValue(
                                op == ComparisonOperator.CONTAINS ? "/products/new" : "https://"))),
                Combinators.combine(Arbitraries.integers().between(1, 90), Arbitraries.of(WindowUnit.HOURS, WindowUnit.DAYS, WindowUnit.MONTHS))
                        .as((n, unit) -> new Condition.Window("timestamp", new TimeWindow.Last(Math.min(n, (int) unit.maximum()), unit))),
                Arbitraries.just(new Condition.Window("timestamp", new TimeWindow.PreviousCalendarMonth())));
        return Arbitraries.oneOf(leaf, leaf.list().ofMinSize(2).ofMaxSize(3).map(Condition.And::new),
                leaf.list().ofSize(2).map(Condition.Or::new), leaf.map(Condition.Not::new));
    }

    private static Arbitrary<ComparisonOperator> numericOperators() {
        return Arbitraries.of(ComparisonOperator.EQ, ComparisonOperator.NE, ComparisonOperator.LT,
                ComparisonOperator.LE, ComparisonOperator.GT, ComparisonOperator.GE);
    }

    private static Arbitrary<Condition> compound(Arbitrary<Condition> operand) {
        return Arbitraries.oneOf(
                operand.list().ofMinSize(2).ofMaxSize(3).map(Condition.And::new),
                operand.list().ofMinSize(2).ofMaxSize(3).map(Condition.Or::new),
                operand.map(Condition.Not::new));
    }

    // ---- whole grammar, not type-correct --------------------------------------------------------

    /** Any tree the grammar can produce, with names and values that need not make sense. */
    public static Arbitrary<Condition> anyConditions() {
        return Arbitraries.lazyOf(RandomQueries::anyLeaf, RandomQueries::anyLeaf, RandomQueries::anyAggregate,
                () -> compound(anyConditions()));
    }

    private static Arbitrary<Condition> anyLeaf() {
        Arbitrary<String> name = names();
        return Arbitraries.oneOf(
                Combinators.combine(name, Arbitraries.of(ComparisonOperator.class), literals())
                        .as(Condition.Comparison::new),
                Combinators.combine(name, literals().list().ofMinSize(1).ofMaxSize(3)).as(Condition.InList::new),
                Combinators.combine(name, Arbitraries.of(true, false)).as(Condition.NullCheck::new),
                Combinators.combine(name, windows()).as(Condition.Window::new),
                strings().filter(s -> !s.isBlank()).map(Condition.InSegment::new));
    }

    private static Arbitrary<Condition> anyAggregate() {
        Arbitrary<List<String>> path = names().list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Condition> where = anyLeaf().injectNull(0.4);
        Arbitrary<Condition> exists = Combinators.combine(path, where).as(Condition.Exists::new);
        Arbitrary<Condition> aggregate = Combinators.combine(Arbitraries.of(AggregateFunction.class), path, names(), where,
                        numericOperators(), numbers())
                .as((fn, p, attribute, w, op, n) -> new Condition.AggregateComparison(
                        new Condition.Aggregate(fn, p, fn == AggregateFunction.COUNT ? null : attribute, w), op, n));
        return Arbitraries.oneOf(exists, aggregate);
    }

    private static Arbitrary<TimeWindow> windows() {
        Arbitrary<TimeWindow> last = Arbitraries.of(WindowUnit.class).flatMap(unit ->
                Arbitraries.integers().between(1, (int) unit.maximum()).map(n -> new TimeWindow.Last(n, unit)));
        Arbitrary<Literal> bound = Arbitraries.oneOf(dates(), dates().map(d -> new Literal.StringValue(((Literal.DateValue) d).value().toString())));
        return Arbitraries.oneOf(last, Arbitraries.just(new TimeWindow.PreviousCalendarMonth()),
                Combinators.combine(bound, bound).as(TimeWindow.Between::new));
    }

    private static Arbitrary<Literal> literals() {
        return Arbitraries.oneOf(strings().map(Literal.StringValue::new), numbers().map(Literal.NumberValue::new),
                Arbitraries.of(true, false).map(Literal.BooleanValue::new), dates());
    }

    private static Arbitrary<Literal> dates() {
        return Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2200, 12, 31).toEpochDay())
                .map(day -> new Literal.DateValue(LocalDate.ofEpochDay(day)));
    }

    private static Arbitrary<BigDecimal> numbers() {
        return Combinators.combine(Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L), Arbitraries.integers().between(0, 4))
                .as(BigDecimal::valueOf);
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('"', '\\', '\n', '\t', 'é', '中').ofMaxLength(12);
    }

    private static Arbitrary<String> names() {
        // Catalog names plus camelCase words that are not keywords.
        return Arbitraries.oneOf(
                Arbitraries.of("score", "country", "amount", "isWon", "timestamp", "accounts", "opportunities", "events", "url"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6)
                        .flatMap(head -> Arbitraries.strings().withCharRange('A', 'Z').ofMaxLength(1).map(tail -> head + tail + "x")));
    }
}
