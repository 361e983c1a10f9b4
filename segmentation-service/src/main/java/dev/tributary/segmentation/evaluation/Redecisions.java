package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.definition.SegmentDefinition;
import dev.tributary.segmentation.definition.SegmentDefinitions;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.membership.Candidates;
import dev.tributary.segmentation.membership.MembershipDiff;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Re-decides some ids of a segment, each time in its own transaction under the segment's lock, and then the rules
 * reading that segment through {@code inSegment(...)} for the ids whose membership changed. Streaming passes, time
 * re-checks and full evaluations' dependants all come through here.
 */
@Component
class Redecisions {

    static final String STREAMING = "streaming";
    static final String RECHECK = "recheck";
    static final String DEPENDENCY = "dependency";

    private final SegmentDefinitions definitions;
    private final EvaluationTransactions transactions;
    private final MembershipDiff diff;
    private final EvaluationLog evaluations;
    private final FailureLog failures;
    private final FailureIsolation isolation;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final EvaluationMeters meters;

    Redecisions(SegmentDefinitions definitions, EvaluationTransactions transactions, MembershipDiff diff,
                EvaluationLog evaluations, FailureLog failures, FailureIsolation isolation, TransactionTemplate tx,
                Clock clock, EvaluationMeters meters) {
        this.definitions = definitions;
        this.transactions = transactions;
        this.diff = diff;
        this.evaluations = evaluations;
        this.failures = failures;
        this.isolation = isolation;
        this.tx = tx;
        this.clock = clock;
        this.meters = meters;
    }

    /** Diffs only {@code ids}; returns the ids whose membership changed. */
    List<String> evaluateAmong(SegmentDefinition segment, Collection<String> ids, String trigger) {
        long started = System.nanoTime();
        String evaluationId = UUID.randomUUID().toString();
        List<String> changed = tx.execute(status -> {
            transactions.lockAmong(segment.id());
            // the segment may have been edited or deleted since it was listed; a failing one waits for its retry
            SegmentDefinition current = definitions.find(segment.id()).orElse(null);
            if (current == null || failures.isFailing(segment.id())) {
                return List.<String>of();
            }
            Instant now = clock.instant();
            CompiledSegment compiled = current.compile();
            List<MembershipDiff.Change> changes = diff.apply(current, compiled, Candidates.among(ids), evaluationId, now);
            if (!changes.isEmpty()) {
                long entered = changes.stream().filter(MembershipDiff.Change::entered).count();
                evaluations.incremental(evaluationId, segment.id(), trigger, entered, changes.size() - entered,
                        Duration.ofNanos(System.nanoTime() - started), now);
            }
            return changes.stream().map(MembershipDiff.Change::entityId).toList();
        });
        meters.evaluated(segment.id(), trigger, System.nanoTime() - started);
        return changed;
    }

    /**
     * Rules reading a segment through {@code inSegment(...)} are re-decided for the ids whose
     * membership just changed, and so on down the chain (saved rules have no cycles).
     */
    void propagate(String segmentId, List<String> changedIds) {
        if (changedIds != null && !changedIds.isEmpty()) {
            propagate(definitions.list(), segmentId, changedIds);
        }
    }

    /** @param all every segment, as listed by the caller */
    void propagate(List<SegmentDefinition> all, String segmentId, List<String> changedIds) {
        if (changedIds == null || changedIds.isEmpty()) {
            return;
        }
        for (SegmentDefinition reader : all) {
            if (references(reader).contains(segmentId)) {
                try {
                    propagate(all, reader.id(), evaluateAmong(reader, changedIds, DEPENDENCY));
                } catch (RuntimeException e) {
                    isolation.isolate(reader.id(), DEPENDENCY, e);
                }
            }
        }
    }

    /** The segments a rule reads; none if the stored rule no longer compiles (its evaluation fails and says why). */
    private static Set<String> references(SegmentDefinition segment) {
        try {
            return new LinkedHashSet<>(segment.compile().referencedSegments());
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    /** Segments used by {@code inSegment(...)} first, so a rule reads the membership this pass decided. */
    static List<SegmentDefinition> dependencyOrder(List<SegmentDefinition> segments) {
        Map<String, SegmentDefinition> pending = new LinkedHashMap<>();
        segments.forEach(s -> pending.put(s.id(), s));
        Map<String, Set<String>> references = new LinkedHashMap<>();
        segments.forEach(s -> references.put(s.id(), references(s)));
        List<SegmentDefinition> ordered = new ArrayList<>(segments.size());
        while (!pending.isEmpty()) {
            boolean progressed = false;
            for (var it = pending.values().iterator(); it.hasNext(); ) {
                SegmentDefinition s = it.next();
                if (references.get(s.id()).stream().noneMatch(pending::containsKey)) {
                    ordered.add(s);
                    it.remove();
                    progressed = true;
                }
            }
            if (!progressed) {
                // a cycle cannot be saved; if one exists anyway, evaluate the rest in creation order
                ordered.addAll(pending.values());
                break;
            }
        }
        return ordered;
    }
}
