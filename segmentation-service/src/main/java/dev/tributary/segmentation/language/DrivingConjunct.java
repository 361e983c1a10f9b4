package dev.tributary.segmentation.language;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The driver pass over a compiled rule: whether a full evaluation can draw its members from one conjunct rather
 * than scan the audience's whole view. If the rule is a conjunction (or a single term) with a positive
 * {@code exists} or an aggregate that an empty set fails, and reads no column of the audience's own view, the
 * members are drawn from that term's set (its drivers) and the other terms test them. This relies on the
 * {@code profile_read} contract that every unified id in a relationship or event view names a live profile; it
 * roughly halves those evaluations. A top-level {@code not exists(...)} conjunct of such a rule is subtracted from
 * the drawn members with {@code EXCEPT}, which also de-duplicates them, rather than tested per member (ADR 0010).
 * {@code DrivenEvaluationIT} checks that both forms select whom the rule tested on every person does.
 */
final class DrivingConjunct {

    private static final String DISTINCT = "SELECT DISTINCT ";

    /** SQL of each top-level conjunct, in order. */
    private final List<String> conjuncts = new ArrayList<>();
    /** For top-level conjuncts that can drive a full evaluation: their index, and the SQL of their members. */
    private final Map<Integer, String> drivers = new LinkedHashMap<>();
    /** For top-level {@code not exists(...)} conjuncts: their index, and the SQL of whom they exclude. */
    private final Map<Integer, String> exclusions = new LinkedHashMap<>();
    private final boolean readsAudienceView;

    /** @param readsAudienceView the rule reads a column of the audience's own view: it must scan that view */
    DrivingConjunct(SqlTerm rule, boolean readsAudienceView) {
        this.readsAudienceView = readsAudienceView;
        conjunct(rule);
    }

    /** Lists the top-level conjuncts, nested {@code and}s flattened, with the sets they draw or exclude. */
    private void conjunct(SqlTerm term) {
        if (term instanceof SqlTerm.And and) {
            and.operands().forEach(this::conjunct);
            return;
        }
        int index = conjuncts.size();
        if (term instanceof SqlTerm.Exists exists) {
            drivers.put(index, DISTINCT + exists.members());
        } else if (term instanceof SqlTerm.Aggregate aggregate && aggregate.drivers() != null) {
            drivers.put(index, aggregate.drivers());
        } else if (term instanceof SqlTerm.Not not && not.operand() instanceof SqlTerm.Exists exists) {
            exclusions.put(index, "SELECT " + exists.members());
        }
        conjuncts.add(term.sql());
    }

    /**
     * The full evaluation drawn from the first conjunct that can drive it, the other conjuncts testing its members;
     * empty when the audience's view must be scanned.
     */
    Optional<String> selectAll(String key) {
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
     * member (ADR 0014). Empty when {@link #selectAll} already has that shape.
     */
    Optional<String> selectRepeating(String key) {
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
        if (drivers.isEmpty() || readsAudienceView) {
            return Optional.empty();
        }
        return Optional.of(drivers.entrySet().iterator().next());
    }
}
