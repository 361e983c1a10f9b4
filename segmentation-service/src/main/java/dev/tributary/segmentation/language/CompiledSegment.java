package dev.tributary.segmentation.language;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule compiled to PostgreSQL over the {@code profile_read} views.
 *
 * @param condition          boolean SQL over the base row {@code e}; named parameters only, plus {@code :now}
 * @param parameters         values of {@code :p1, :p2, ...} (not {@code now}, not {@code ids})
 * @param selectAll          every member, each once: one column {@code entity_id}. Drawn from the rule's
 *                           driving conjunct when it has one, else from the audience's view (ADR 0010)
 * @param selectRepeating    every member at least once, maybe once per fact that drew it: cheaper than
 *                           {@code selectAll} for a diff that de-duplicates what changed (the same text when it is not)
 * @param selectAmong        the members among {@code :ids} (text[]), for streaming re-evaluation; same
 *                           answer as {@code selectAll} restricted to those ids
 * @param normalisedQuery    the rule in canonical text
 * @param explanations       one query per predicate or aggregate, listing the facts behind it
 * @param timeCrossings      one per window relative to {@code :now} (empty when the rule has none): membership
 *                           can change as time passes, for the entities whose facts cross such a window
 * @param referencedSegments ids used in {@code inSegment(...)}
 * @param paths              every relation path the rule follows from the audience's entity, nested
 *                           {@code where} paths joined to the path they sit in (e.g. {@code [accounts, opportunities]}),
 *                           so a change can be traced back to the entities whose answer it may change
 * @param reads              the columns and facts the rule reads, so a change that cannot alter its answer is skipped
 * @param aggregates         the rule holds a {@code count}, {@code sum}, {@code avg}, {@code min} or {@code max}
 */
public record CompiledSegment(
        Audience audience,
        String condition,
        Map<String, Object> parameters,
        String selectAll,
        String selectRepeating,
        String selectAmong,
        String normalisedQuery,
        List<FactQuery> explanations,
        List<TimeCrossing> timeCrossings,
        Set<String> referencedSegments,
        Set<List<String>> paths,
        Reads reads,
        boolean aggregates) {

    public CompiledSegment {
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        explanations = List.copyOf(explanations);
        timeCrossings = List.copyOf(timeCrossings);
        referencedSegments = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(referencedSegments));
        paths = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(paths.stream().map(List::copyOf).toList()));
    }

    /** {@link #selectRepeating} may name a member more than once. */
    public boolean repeats() {
        return !selectRepeating.equals(selectAll);
    }

    /** The rule reads {@code :now}: membership can change as time passes, without new data. */
    public boolean timeDependent() {
        return !timeCrossings.isEmpty();
    }
}
