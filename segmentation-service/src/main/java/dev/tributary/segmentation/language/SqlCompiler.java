package dev.tributary.segmentation.language;

import dev.tributary.segmentation.language.AttributeCatalog.Attribute;
import dev.tributary.segmentation.language.AttributeCatalog.Link;
import dev.tributary.segmentation.language.AttributeCatalog.Relation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Compiles a validated rule to PostgreSQL. Every aggregate becomes
 * {@code [NOT] EXISTS (SELECT 1 FROM (SELECT driver ... GROUP BY driver HAVING ...) g WHERE g.driver_id = e.id)}:
 * at top level PostgreSQL pulls that up into one hash (anti-)semi-join over a single aggregation
 * of the whole population, instead of running an aggregate sub-query per base row (it never
 * decorrelates scalar sub-queries); under {@code or} it becomes a hashed or index-probing sub-plan.
 * Where a path can reach the same entity twice, count/sum/avg group pairs of base rows (driver,
 * entity) joined by an {@code EXISTS} over the path's links, so each entity counts once.
 *
 * <p>A full evaluation does not scan the audience's whole view when it need not: if the rule is a
 * conjunction (or a single term) with a positive {@code exists} or an aggregate that an empty set fails,
 * and reads no column of the audience's own view, the members are drawn from that term's set (its drivers)
 * and the other terms test them. This relies on the {@code profile_read} contract that every unified id in
 * a relationship or event view names a live profile; it roughly halves those evaluations (ADR 0010). A top-level
 * {@code not exists(...)} conjunct of such a rule is subtracted from the drawn members with {@code EXCEPT}, which
 * also de-duplicates them, rather than tested per member (ADR 0010). {@code DrivenEvaluationIT} checks that both forms select whom the rule tested on every person does.
 */
final class SqlCompiler {

    static final String NOW = "CAST(:now AS timestamptz)";
    static final String IDS = ":ids";
    private static final String DISTINCT = "SELECT DISTINCT ";
    private static final int EXPLANATION_LIMIT = 100;

    private final Audience audience;
    private final boolean restrictToIds;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<FactQuery> explanations = new ArrayList<>();
    private final Set<String> referencedSegments = new LinkedHashSet<>();
    private final Map<EntityType, Set<String>> columnsRead = new LinkedHashMap<>();
    private final List<Reads.FactUse> facts = new ArrayList<>();
    private final Deque<Where> wheres = new ArrayDeque<>();
    /** One per time-relative window the rule holds: who has a fact crossing it as time passes. */
    private final List<TimeCrossing> timeCrossings = new ArrayList<>();
    /** True while the next condition compiled is the whole rule or one of its top-level conjuncts. */
    private boolean topLevel;
    /** SQL of each top-level conjunct, in order. */
    private final List<String> conjuncts = new ArrayList<>();
    /** For top-level conjuncts that can drive a full evaluation: their index, and the SQL of their members. */
    private final Map<Integer, String> drivers = new LinkedHashMap<>();
    /** For top-level {@code not exists(...)} conjuncts: their index, and the SQL of whom they exclude. */
    private final Map<Integer, String> exclusions = new LinkedHashMap<>();

    private SqlCompiler(Audience audience, boolean restrictToIds) {
        this.audience = audience;
        this.restrictToIds = restrictToIds;
    }

    static CompiledSegment compile(Audience audience, SegmentQuery query) {
        SqlCompiler batch = new SqlCompiler(audience, false);
        batch.topLevel = true;
        String condition = batch.condition(query.condition(), audience.entity(), "e", true);
        // Same tree, same parameter numbering; only the aggregates' inner scans are narrowed to :ids.
        SqlCompiler streaming = new SqlCompiler(audience, true);
        String amongCondition = streaming.condition(query.condition(), audience.entity(), "e", false);

        EntityType base = audience.entity();
        String key = "e." + base.keyColumns().get(0);
        String select = "SELECT " + key + " AS entity_id FROM " + base.view() + " e WHERE ";
        String selectAll = batch.selectAll(key).orElse(select + condition);
        return new CompiledSegment(audience, condition, batch.parameters, selectAll,
                batch.selectRepeating(key).orElse(selectAll),
                // Parenthesised: the condition may be an OR, and AND binds tighter.
                select + "(" + amongCondition + ") AND " + key + " = ANY(" + IDS + ")",
                QueryPrinter.print(query.condition()), batch.explanations, batch.timeCrossings,
                batch.referencedSegments, paths(query.condition(), List.of(), new LinkedHashSet<>()),
                new Reads(batch.columnsRead, batch.facts), aggregates(query.condition()));
    }

    /**
     * The full evaluation drawn from the first conjunct that can drive it (see the class comment), the other
     * conjuncts testing its members; empty when the audience's view must be scanned.
     */
    private Optional<String> selectAll(String key) {
        Map.Entry<Integer, String> driver = driver().orElse(null);
        if (driver == null) {
            return Optional.empty();
        }
        List<String> tests = new ArrayList<>();
        // a fact whose own key did not resolve (an opportunity of an unknown account) names nobody
        tests.add(key + " IS NOT NULL");
        for (int i = 0; i < conjuncts.size(); i++) {
            if (i != driver.getKey() && !exclusions.containsKey(i)) {
                tests.add(conjuncts.get(i));
            }
        }
        String members = driver.getValue();
        if (!exclusions.isEmpty() && members.startsWith(DISTINCT)) {
            // EXCEPT de-duplicates while it subtracts: one hashed set operation instead of a de-duplication and an
            // anti-join (ADR 0010)
            members = "SELECT " + members.substring(DISTINCT.length());
        }
        return Optional.of("SELECT " + key + " AS entity_id FROM (" + members + ") e WHERE "
                + tests.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" AND "))
                + exclusions.values().stream().map(x -> " EXCEPT " + x).collect(Collectors.joining()));
    }

    /**
     * The full evaluation drawn from a driving {@code exists(...)} without de-duplicating its members, for a rule whose
     * other conjuncts are all top-level {@code not exists(...)}: each is tested per row as an anti-join, and a member
     * is named once per fact that drew it. The membership diff de-duplicates the few rows that changed instead of every
     * member: its join with the stored members is the only hashing of the whole set (ADR 0014). Empty when {@link #selectAll} already has
     * that shape.
     */
    private Optional<String> selectRepeating(String key) {
        Map.Entry<Integer, String> driver = driver().orElse(null);
        if (driver == null || !driver.getValue().startsWith(DISTINCT) || conjuncts.size() - 1 != exclusions.size()) {
            return Optional.empty();
        }
        List<String> tests = new ArrayList<>();
        tests.add(key + " IS NOT NULL");
        exclusions.keySet().forEach(i -> tests.add(conjuncts.get(i)));
        return Optional.of("SELECT " + key + " AS entity_id FROM (SELECT " + driver.getValue().substring(DISTINCT.length())
                + ") e WHERE " + tests.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" AND ")));
    }

    /** The first conjunct that can drive a full evaluation, with its members' SQL; empty when the audience's view must be scanned. */
    private Optional<Map.Entry<Integer, String>> driver() {
        if (drivers.isEmpty() || columnsRead.containsKey(audience.entity())) {
            return Optional.empty();
        }
        return Optional.of(drivers.entrySet().iterator().next());
    }

    /** Records a column the rule reads, also for the {@code where} being compiled when it ranges over {@code type}. */
    private void read(EntityType type, String column) {
        columnsRead.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(column);
        Where current = wheres.peek();
        if (current != null && current.type() == type) {
            current.columns().add(column);
        }
    }

    /** A {@code where} being compiled: the columns of its own entity it compares, nested paths aside. */
    private record Where(EntityType type, Set<String> columns) {
    }

    /** SQL for the {@code where} of an exists or aggregate over {@code target}, listing its columns into {@code into}. */
    private String where(Condition where, EntityType target, Set<String> into) {
        if (where == null) {
            return null;
        }
        wheres.push(new Where(target, into));
        try {
            return condition(where, target, "f", false);
        } finally {
            wheres.pop();
        }
    }

    /** The relation paths {@code condition} follows, each prefixed by {@code prefix} (the path of an enclosing aggregate). */
    static Set<List<String>> paths(Condition condition, List<String> prefix, Set<List<String>> into) {
        if (condition instanceof Condition.And and) {
            and.operands().forEach(o -> paths(o, prefix, into));
        } else if (condition instanceof Condition.Or or) {
            or.operands().forEach(o -> paths(o, prefix, into));
        } else if (condition instanceof Condition.Not not) {
            paths(not.operand(), prefix, into);
        } else if (condition instanceof Condition.Exists ex) {
            followed(prefix, ex.path(), ex.where(), into);
        } else if (condition instanceof Condition.AggregateComparison ac) {
            followed(prefix, ac.aggregate().path(), ac.aggregate().where(), into);
        }
        return into;
    }

    static boolean aggregates(Condition condition) {
        if (condition instanceof Condition.And and) {
            return and.operands().stream().anyMatch(SqlCompiler::aggregates);
        } else if (condition instanceof Condition.Or or) {
            return or.operands().stream().anyMatch(SqlCompiler::aggregates);
        } else if (condition instanceof Condition.Not not) {
            return aggregates(not.operand());
        }
        // an exists's where tests attributes only (QueryValidator)
        return condition instanceof Condition.AggregateComparison;
    }

    private static void followed(List<String> prefix, List<String> path, Condition where, Set<List<String>> into) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(path);
        into.add(List.copyOf(full));
        if (where != null) {
            paths(where, full, into);
        }
    }

    /** SQL for {@code condition} about the row aliased {@code alias} of type {@code scope}. */
    private String condition(Condition condition, EntityType scope, String alias, boolean explain) {
        boolean top = topLevel;
        topLevel = false;
        if (condition instanceof Condition.And and) {
            List<String> operands = new ArrayList<>();
            for (Condition operand : and.operands()) {
                topLevel = top;
                operands.add(condition(operand, scope, alias, explain));
            }
            return operands.stream().map(o -> "(" + o + ")").collect(Collectors.joining(" AND "));
        }
        String sql = term(condition, scope, alias, explain, top);
        if (top) {
            conjuncts.add(sql);
        }
        return sql;
    }

    /** SQL for a condition that is not a conjunction; {@code top} when it is the rule or one of its conjuncts. */
    private String term(Condition condition, EntityType scope, String alias, boolean explain, boolean top) {
        if (condition instanceof Condition.Or or) {
            return or.operands().stream().map(o -> "(" + condition(o, scope, alias, explain) + ")")
                    .collect(Collectors.joining(" OR "));
        }
        if (condition instanceof Condition.Not not) {
            if (top && not.operand() instanceof Condition.Exists ex) {
                return "NOT (" + exists(ex, scope, explain, false, true) + ")";
            }
            return "NOT (" + condition(not.operand(), scope, alias, explain) + ")";
        }
        if (condition instanceof Condition.AggregateComparison ac) {
            return aggregate(ac, scope, explain, top);
        }
        if (condition instanceof Condition.Exists ex) {
            return exists(ex, scope, explain, top, false);
        }
        if (condition instanceof Condition.InSegment in) {
            String id = parameter(in.segmentId());
            referencedSegments.add(in.segmentId());
            if (explain) {
                explanations.add(new FactQuery(QueryPrinter.print(condition),
                        "SELECT 'segment' AS fact_type, m.segment_id AS fact_id, m.segment_id AS label,"
                                + " CAST(NULL AS numeric) AS amount, CAST(NULL AS timestamptz) AS at, CAST(NULL AS text) AS via"
                                + " FROM segmentation.membership m WHERE m.segment_id = " + id
                                + " AND m.entity_id = :entity_id AND m.active"));
            }
            return "EXISTS (SELECT 1 FROM segmentation.membership m WHERE m.segment_id = " + id
                    + " AND m.entity_id = " + alias + "." + scope.keyColumns().get(0) + " AND m.active)";
        }
        String attributeName = attributeOf(condition);
        Attribute attribute = AttributeCatalog.attribute(scope, attributeName).orElseThrow();
        read(scope, attribute.column());
        String column = alias + "." + attribute.column();
        String sql = predicate(condition, scope, attribute, column);
        if (explain) {
            explanations.add(new FactQuery(QueryPrinter.print(condition), attributeExplanation(scope, attribute)));
        }
        return sql;
    }

    private static String attributeOf(Condition condition) {
        if (condition instanceof Condition.Comparison c) {
            return c.attribute();
        }
        if (condition instanceof Condition.InList in) {
            return in.attribute();
        }
        if (condition instanceof Condition.NullCheck n) {
            return n.attribute();
        }
        return ((Condition.Window) condition).attribute();
    }

    private String predicate(Condition condition, EntityType scope, Attribute attribute, String column) {
        if (condition instanceof Condition.Comparison c) {
            String value = value(attribute, c.value(), false);
            return switch (c.operator()) {
                case EQ -> column + " = " + value;
                case NE -> column + " <> " + value;
                case LT -> column + " < " + value;
                case LE -> column + " <= " + value;
                case GT -> column + " > " + value;
                case GE -> column + " >= " + value;
                // strpos/starts_with rather than LIKE: the value is data, its % and _ mean nothing.
                case CONTAINS -> "strpos(" + column + ", " + value + ") > 0";
                case STARTS_WITH -> "starts_with(" + column + ", " + value + ")";
            };
        }
        if (condition instanceof Condition.InList in) {
            return column + " IN (" + in.values().stream().map(v -> value(attribute, v, false))
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (condition instanceof Condition.NullCheck n) {
            return column + (n.isNull() ? " IS NULL" : " IS NOT NULL");
        }
        return window(((Condition.Window) condition).window(), scope, attribute, column);
    }

    private String window(TimeWindow window, EntityType scope, Attribute attribute, String column) {
        boolean date = attribute.type() == AttributeType.DATE;
        // bounds as functions of the instant they are taken at; calendar arithmetic on UTC wall-clock time, so
        // results do not depend on the session zone
        if (window instanceof TimeWindow.Last last) {
            String interval = "(" + parameter(last.amount()) + " * interval '" + last.unit().sqlInterval() + "')";
            UnaryOperator<String> lower = date ? at -> "CAST(" + utc(at) + " - " + interval + " AS date)" : at -> at + " - " + interval;
            UnaryOperator<String> upper = date ? at -> "CAST(" + utc(at) + " AS date)" : at -> at;
            return timeRelative(scope, attribute, column, lower, upper, true);
        }
        if (window instanceof TimeWindow.PreviousCalendarMonth) {
            UnaryOperator<String> monthStart = at -> "date_trunc('month', " + utc(at) + ")";
            UnaryOperator<String> lower = date ? at -> "CAST(" + monthStart.apply(at) + " - interval '1 month' AS date)"
                    : at -> "(" + monthStart.apply(at) + " - interval '1 month') AT TIME ZONE 'UTC'";
            UnaryOperator<String> upper = date ? at -> "CAST(" + monthStart.apply(at) + " AS date)"
                    : at -> monthStart.apply(at) + " AT TIME ZONE 'UTC'";
            return timeRelative(scope, attribute, column, lower, upper, false);
        }
        TimeWindow.Between between = (TimeWindow.Between) window;
        if (date) {
            return column + " BETWEEN " + value(attribute, between.from(), false) + " AND "
                    + value(attribute, between.to(), false);
        }
        // A date as the upper bound includes that whole day.
        boolean wholeDay = !QueryValidator.isInstantString(between.to());
        return column + " >= " + value(attribute, between.from(), false) + " AND " + column
                + (wholeDay ? " < " : " <= ") + value(attribute, between.to(), wholeDay);
    }

    private static String utc(String instant) {
        return "(" + instant + " AT TIME ZONE 'UTC')";
    }

    /**
     * A window whose bounds move with {@code :now}: {@code lower <= column} and {@code column <= upper} (or
     * {@code < upper}). Also records which {@code scope} facts cross it between two instants {@code :from} and
     * {@code :to}: those in at one and out at the other, i.e. past the lower bound's move or the upper bound's.
     */
    private String timeRelative(EntityType scope, Attribute attribute, String column, UnaryOperator<String> lower,
                                UnaryOperator<String> upper, boolean upperInclusive) {
        String from = "CAST(:from AS timestamptz)";
        String to = "CAST(:to AS timestamptz)";
        String fact = "f." + attribute.column();
        String crossed = "(" + fact + " >= " + lower.apply(from) + " AND " + fact + " < " + lower.apply(to) + ") OR ("
                + fact + (upperInclusive ? " > " : " >= ") + upper.apply(from) + " AND "
                + fact + (upperInclusive ? " <= " : " < ") + upper.apply(to) + ")";
        String owner = "f." + (scope.announcedAsAccount() ? "account_id" : "person_id");
        timeCrossings.add(new TimeCrossing(scope.announcedAsAccount(),
                "SELECT DISTINCT " + owner + " AS id FROM " + scope.view() + " f WHERE " + owner + " IS NOT NULL AND (" + crossed + ")"));
        return column + " >= " + lower.apply(NOW) + " AND " + column + (upperInclusive ? " <= " : " < ") + upper.apply(NOW);
    }

    /** Binds a literal as the Java type the column needs; dates against timestamps mean UTC midnight. */
    private String value(Attribute attribute, Literal literal, boolean nextDay) {
        if (literal instanceof Literal.NumberValue n) {
            return parameter(n.value());
        }
        if (literal instanceof Literal.BooleanValue b) {
            return parameter(b.value());
        }
        String text = literal instanceof Literal.StringValue s ? s.value() : null;
        LocalDate day = literal instanceof Literal.DateValue d ? d.value()
                : QueryValidator.isDateString(literal) ? LocalDate.parse(text) : null;
        if (attribute.type() == AttributeType.DATE) {
            return "CAST(" + parameter(day) + " AS date)";
        }
        if (attribute.type() == AttributeType.TIMESTAMP) {
            OffsetDateTime instant = day != null
                    ? (nextDay ? day.plusDays(1) : day).atStartOfDay().atOffset(ZoneOffset.UTC)
                    : OffsetDateTime.parse(text);
            return "CAST(" + parameter(instant) + " AS timestamptz)";
        }
        return parameter(text);
    }

    private String parameter(Object value) {
        String name = "p" + (parameters.size() + 1);
        parameters.put(name, value);
        return ":" + name;
    }

    // ---- aggregates -------------------------------------------------------------------------

    /** The joins from a driver entity along a path, ending on the final entity aliased {@code f}. */
    private record PathJoin(String from, String driver, EntityType target, List<String> vias, boolean mayRepeat) {
    }

    private static PathJoin join(EntityType start, List<String> path) {
        StringBuilder from = new StringBuilder();
        String driver = null;
        String current = null;
        List<String> vias = new ArrayList<>();
        EntityType type = start;
        int links = 0;
        Relation relation = null;
        for (int i = 0; i < path.size(); i++) {
            relation = AttributeCatalog.relation(type, path.get(i)).orElseThrow();
            for (int j = 0; j < relation.links().size(); j++) {
                Link link = relation.links().get(j);
                links++;
                boolean last = i == path.size() - 1 && j == relation.links().size() - 1;
                String alias = last && relation.endsOnTargetView() ? "f" : "l" + links;
                if (current == null) {
                    from.append(link.view()).append(' ').append(alias);
                    driver = alias + "." + link.fromColumn();
                } else {
                    from.append(" JOIN ").append(link.view()).append(' ').append(alias)
                            .append(" ON ").append(alias).append('.').append(link.fromColumn()).append(" = ").append(current);
                }
                current = alias + "." + link.toColumn();
                if (link.viaSql() != null) {
                    vias.add(String.format(link.viaSql(), alias));
                }
            }
            type = relation.to();
        }
        if (!relation.endsOnTargetView()) {
            from.append(" JOIN ").append(type.view()).append(" f ON f.").append(type.keyColumns().get(0))
                    .append(" = ").append(current);
        }
        // One link straight onto the entity's own view (person events, account opportunities) cannot repeat it.
        boolean mayRepeat = links > 1 || !relation.endsOnTargetView();
        return new PathJoin(from.toString(), driver, type, vias, mayRepeat);
    }

    /** @param excluded when it is the operand of a top-level {@code not}: a full evaluation subtracts whom it names */
    private String exists(Condition.Exists exists, EntityType scope, boolean explain, boolean top, boolean excluded) {
        PathJoin path = join(scope, exists.path());
        Set<String> whereColumns = new LinkedHashSet<>();
        String where = where(exists.where(), path.target(), whereColumns);
        facts.add(new Reads.FactUse(path.target(), where, whereColumns, null));
        if (explain) {
            explanations.add(new FactQuery(QueryPrinter.print(exists), factSql(path, where, path.target().amountSql)));
        }
        // Correlated to e, which selectAmong already narrows to :ids. Repeating "driver = ANY(:ids)" here made
        // PostgreSQL probe the index once per candidate id for every outer row (an index condition of
        // "person_id = e.person_id AND person_id = ANY(:ids)"), many times slower than the correlated scan (ADR 0008).
        String key = scope.keyColumns().get(0);
        String members = path.driver() + " AS " + key + " FROM " + path.from() + (where == null ? "" : " WHERE " + where);
        if (top) {
            drivers.put(conjuncts.size(), DISTINCT + members);
        }
        if (excluded) {
            // the index its NOT will have among the conjuncts, once compiled
            exclusions.put(conjuncts.size(), "SELECT " + members);
        }
        List<String> conditions = new ArrayList<>(List.of(path.driver() + " = e." + key));
        if (where != null) {
            conditions.add("(" + where + ")");
        }
        return "EXISTS (SELECT 1 FROM " + path.from() + " WHERE " + String.join(" AND ", conditions) + ")";
    }

    private String aggregate(Condition.AggregateComparison comparison, EntityType scope, boolean explain, boolean top) {
        Condition.Aggregate aggregate = comparison.aggregate();
        PathJoin path = join(scope, aggregate.path());
        Set<String> whereColumns = new LinkedHashSet<>();
        String where = where(aggregate.where(), path.target(), whereColumns);
        String valueColumn = aggregate.attribute() == null ? null
                : AttributeCatalog.attribute(path.target(), aggregate.attribute()).orElseThrow().column();
        String value = valueColumn == null ? null : "f." + valueColumn;
        if (valueColumn != null) {
            read(path.target(), valueColumn);
        }
        facts.add(new Reads.FactUse(path.target(), where, whereColumns, valueColumn));
        String threshold = parameter(comparison.value());
        if (explain) {
            explanations.add(new FactQuery(QueryPrinter.print(comparison),
                    factSql(path, where, value != null ? value : path.target().amountSql)));
        }

        AggregateFunction function = aggregate.function();
        // min and max are indifferent to repeats; count, sum and avg count each entity once.
        boolean distinct = path.mayRepeat() && (function == AggregateFunction.COUNT
                || function == AggregateFunction.SUM || function == AggregateFunction.AVG);
        // Entities with no matching rows are absent from the grouping; count and sum are then 0,
        // min/max/avg null (never true). When 0 satisfies the comparison, select the complement
        // (NOT EXISTS, which plans as an anti-join; NOT IN would not, and mishandles nulls).
        boolean emptyMatches = (function == AggregateFunction.COUNT || function == AggregateFunction.SUM)
                && comparison.operator().test(BigDecimal.ZERO.compareTo(comparison.value()));
        String comparedWith = " " + sqlOperator(comparison.operator()) + " " + threshold;
        Partition partition = distinct && (function == AggregateFunction.COUNT || function == AggregateFunction.SUM)
                ? partition(scope, aggregate.path()) : null;
        String grouped;
        if (partition != null) {
            grouped = partitioned(partition, function, value, where, having("coalesce(sum(a.partial), 0)" + comparedWith, emptyMatches));
        } else {
            String aggregateSql = switch (function) {
                case COUNT -> "count(*)";
                case SUM -> "coalesce(sum(" + value + "), 0)";
                case AVG -> "avg(" + value + ")";
                case MIN -> "min(" + value + ")";
                case MAX -> "max(" + value + ")";
            };
            grouped = grouped(scope, aggregate, path, distinct, where, having(aggregateSql + comparedWith, emptyMatches));
        }
        String key = scope.keyColumns().get(0);
        if (top && !emptyMatches) {
            drivers.put(conjuncts.size(), "SELECT g.driver_id AS " + key + " FROM " + grouped);
        }
        return (emptyMatches ? "NOT " : "") + "EXISTS (SELECT 1 FROM " + grouped + " WHERE g.driver_id = e." + key + ")";
    }

    /** The HAVING test of a grouped aggregate; its complement when the empty aggregate satisfies it (see above). */
    private static String having(String test, boolean emptyMatches) {
        return emptyMatches ? "NOT (" + test + ")" : test;
    }

    /** Drivers grouped over (driver, entity) rows, each pair once when the path can repeat an entity. */
    private String grouped(EntityType scope, Condition.Aggregate aggregate, PathJoin path, boolean distinct, String where,
                           String having) {
        String source;
        String driver;
        if (distinct) {
            // Each (driver, entity) pair once by construction: base rows of both, joined by "some chain
            // of links connects them". Unlike SELECT DISTINCT in a derived table, this keeps the
            // driver's column statistics, so PostgreSQL estimates the groups well and hash-joins.
            String key = "r." + scope.keyColumns().get(0);
            List<String> parts = new ArrayList<>(List.of(connects(scope, aggregate.path(), key, restrictToIds)));
            if (restrictToIds) {
                parts.add(key + " = ANY(" + IDS + ")");
            }
            if (where != null) {
                parts.add("(" + where + ")");
            }
            source = scope.view() + " r, " + path.target().view() + " f WHERE " + String.join(" AND ", parts);
            driver = key;
        } else {
            source = path.from() + filter(path, where);
            driver = path.driver();
        }
        return "(SELECT " + driver + " AS driver_id FROM " + source + " GROUP BY " + driver + " HAVING " + having + ") g";
    }

    /**
     * A path whose last step lands on the entity's own view through a column naming exactly one
     * intermediate entity (an opportunity's {@code account_id}, an event's {@code person_id}): the
     * entities reached are partitioned by intermediate, so a driver's distinct entities are the union of its
     * distinct intermediates' entities, without overlap.
     *
     * @param pairs      SQL of the (driver_id, mid_id) link rows up to the intermediate
     * @param midColumn  the entity's column naming its intermediate
     */
    private record Partition(String pairs, String midColumn, EntityType target) {
    }

    private Partition partition(EntityType start, List<String> path) {
        Links links = links(start, path);
        if (!links.last().endsOnTargetView() || links.all().size() < 2) {
            return null;
        }
        List<Link> chain = links.all().subList(0, links.all().size() - 1);
        String driver = "l1." + chain.get(0).fromColumn();
        String mid = "l" + chain.size() + "." + chain.get(chain.size() - 1).toColumn();
        return new Partition("SELECT DISTINCT " + driver + " AS driver_id, " + mid + " AS mid_id FROM " + joined(chain)
                + (restrictToIds ? " WHERE " + driver + " = ANY(" + IDS + ")" : ""),
                links.all().get(links.all().size() - 1).fromColumn(), links.target());
    }

    /**
     * Count or sum over a partitioned path (see {@link Partition}): aggregated once per intermediate, then
     * summed per driver over its distinct intermediates, as one would write it by hand. The seed's won total
     * adds up each account's won opportunities once, not once per person of the account. When streaming, only
     * the intermediates of the candidate ids are aggregated.
     */
    private String partitioned(Partition partition, AggregateFunction function, String value, String where, String having) {
        String partial = function == AggregateFunction.COUNT ? "count(*)" : "sum(" + value + ")";
        List<String> filters = new ArrayList<>();
        if (where != null) {
            filters.add("(" + where + ")");
        }
        if (restrictToIds) {
            filters.add("f." + partition.midColumn() + " IN (SELECT p.mid_id FROM p)");
        }
        String perMid = "SELECT f." + partition.midColumn() + " AS mid_id, " + partial + " AS partial FROM "
                + partition.target().view() + " f" + (filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters))
                + " GROUP BY f." + partition.midColumn();
        return "(WITH p AS (" + partition.pairs() + ") SELECT p.driver_id FROM p JOIN (" + perMid + ") a ON a.mid_id = p.mid_id"
                + " GROUP BY p.driver_id HAVING " + having + ") g";
    }

    /**
     * SQL that is true when the path leads from the driver {@code driverKey} to the entity row {@code f}.
     * When streaming, the first link is also narrowed to the candidate ids: implied by its join to the
     * driver, but PostgreSQL does not carry {@code = ANY(:ids)} across that join by itself and would
     * otherwise de-duplicate the whole link table for every re-evaluation of a few ids.
     */
    private static String connects(EntityType start, List<String> path, String driverKey, boolean restrictToIds) {
        Links links = links(start, path);
        // A last link onto the entity's own view is f itself: the chain ends on its from-column.
        Link last = links.all().get(links.all().size() - 1);
        boolean lastIsTarget = links.last().endsOnTargetView();
        List<Link> chain = lastIsTarget ? links.all().subList(0, links.all().size() - 1) : links.all();
        if (chain.isEmpty()) {
            return "f." + last.fromColumn() + " = " + driverKey
                    + (restrictToIds ? " AND f." + last.fromColumn() + " = ANY(" + IDS + ")" : "");
        }
        String end = "l" + chain.size() + "." + chain.get(chain.size() - 1).toColumn();
        String toEntity = lastIsTarget ? "f." + last.fromColumn() + " = " + end : end + " = f." + links.target().keyColumns().get(0);
        return "EXISTS (SELECT 1 FROM " + joined(chain) + " WHERE l1." + chain.get(0).fromColumn() + " = " + driverKey
                + (restrictToIds ? " AND l1." + chain.get(0).fromColumn() + " = ANY(" + IDS + ")" : "")
                + " AND " + toEntity + ")";
    }

    /** Every link of a path, its last relation and the entity it ends on. */
    private record Links(List<Link> all, Relation last, EntityType target) {
    }

    private static Links links(EntityType start, List<String> path) {
        List<Link> links = new ArrayList<>();
        EntityType type = start;
        Relation relation = null;
        for (String name : path) {
            relation = AttributeCatalog.relation(type, name).orElseThrow();
            links.addAll(relation.links());
            type = relation.to();
        }
        return new Links(links, relation, type);
    }

    /** {@code view l1 JOIN view l2 ON l2.from = l1.to ...}: the links of a chain joined in order. */
    private static String joined(List<Link> chain) {
        StringBuilder from = new StringBuilder(chain.get(0).view()).append(" l1");
        for (int i = 1; i < chain.size(); i++) {
            from.append(" JOIN ").append(chain.get(i).view()).append(" l").append(i + 1).append(" ON l").append(i + 1)
                    .append('.').append(chain.get(i).fromColumn()).append(" = l").append(i).append('.').append(chain.get(i - 1).toColumn());
        }
        return from.toString();
    }

    /** WHERE clause of an aggregate's scan: its where condition and, when streaming, the candidate ids. */
    private String filter(PathJoin path, String where) {
        List<String> parts = new ArrayList<>();
        if (restrictToIds) {
            parts.add(path.driver() + " = ANY(" + IDS + ")");
        }
        if (where != null) {
            parts.add("(" + where + ")");
        }
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    /** One row per distinct final entity, with every way it was reached in {@code via}. */
    private static String factSql(PathJoin path, String where, String amount) {
        EntityType target = path.target();
        String factId = target.keyColumns().size() == 1 ? "f." + target.keyColumns().get(0)
                : "concat_ws(':', " + target.keyColumns().stream().map(c -> "f." + c).collect(Collectors.joining(", ")) + ")";
        // each hop aggregated on its own: a product of the hops' paths would repeat every combination
        String via = path.vias().isEmpty() ? "CAST(NULL AS text)"
                : "concat_ws(' / ', " + path.vias().stream().map(v -> "string_agg(DISTINCT " + v + ", ', ')")
                .collect(Collectors.joining(", ")) + ")";
        return "SELECT '" + target.factType() + "' AS fact_type, " + factId + " AS fact_id, min(" + target.labelSql
                + ") AS label, min(CAST(" + amount + " AS numeric)) AS amount, min(" + target.atSql + ") AS at, "
                + via + " AS via FROM " + path.from() + " WHERE " + path.driver() + " = :entity_id"
                + (where == null ? "" : " AND (" + where + ")")
                + " GROUP BY " + factId + " ORDER BY at DESC NULLS LAST, fact_id LIMIT " + EXPLANATION_LIMIT;
    }

    private String attributeExplanation(EntityType scope, Attribute attribute) {
        String column = "e." + attribute.column();
        String amount = attribute.type() == AttributeType.NUMBER ? "CAST(" + column + " AS numeric)" : "CAST(NULL AS numeric)";
        String at = attribute.type() == AttributeType.TIMESTAMP ? column
                : attribute.type() == AttributeType.DATE ? "CAST(" + column + " AS timestamptz)" : "CAST(NULL AS timestamptz)";
        return "SELECT '" + scope.factType() + "' AS fact_type, e." + scope.keyColumns().get(0) + " AS fact_id, concat('"
                + attribute.name() + " = ', " + column + ") AS label, " + amount + " AS amount, " + at
                + " AS at, CAST(NULL AS text) AS via FROM " + scope.view() + " e WHERE e." + scope.keyColumns().get(0)
                + " = :entity_id";
    }

    private static String sqlOperator(ComparisonOperator operator) {
        return operator == ComparisonOperator.NE ? "<>" : operator.symbol();
    }
}
