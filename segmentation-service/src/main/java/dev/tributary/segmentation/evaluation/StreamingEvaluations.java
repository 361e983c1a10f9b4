package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.definition.EvaluationMode;
import dev.tributary.segmentation.definition.SegmentDefinition;
import dev.tributary.segmentation.definition.SegmentDefinitions;
import dev.tributary.segmentation.language.CompiledSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-evaluates streaming segments for profiles that changed. Changes that cannot alter a rule's answer
 * are dropped ({@link ChangeRelevance}); the rest are widened to everybody whose answer may depend on them
 * along the paths the rule follows ({@link AffectedEntities}), and only those are diffed, with the same SQL
 * as batch.
 */
@Service
class StreamingEvaluations {

    private static final Logger log = LoggerFactory.getLogger(StreamingEvaluations.class);

    private final SegmentDefinitions definitions;
    private final AffectedEntities affected;
    private final ChangeRelevance relevance;
    private final FailureLog failures;
    private final FailureIsolation isolation;
    private final Redecisions redecisions;

    StreamingEvaluations(SegmentDefinitions definitions, AffectedEntities affected, ChangeRelevance relevance,
                         FailureLog failures, FailureIsolation isolation, Redecisions redecisions) {
        this.definitions = definitions;
        this.affected = affected;
        this.relevance = relevance;
        this.failures = failures;
        this.isolation = isolation;
        this.redecisions = redecisions;
    }

    /** @return how many memberships changed (dependent segments' changes apart) */
    int evaluateChanged(ProfileChanges changes) {
        List<SegmentDefinition> all = definitions.list();
        List<SegmentDefinition> streaming = Redecisions.dependencyOrder(all.stream()
                .filter(s -> s.evaluation() == EvaluationMode.STREAMING).toList());
        if (streaming.isEmpty() || changes.isEmpty()) {
            return 0;
        }
        long started = System.nanoTime();
        long widening = 0;
        int relevant = 0;
        int decided = 0;
        int changed = 0;
        // rules following the same paths from the same relevant changes share one widening
        Map<List<Object>, Set<String>> ids = new LinkedHashMap<>();
        Set<String> failing = Set.copyOf(failures.failing());
        for (SegmentDefinition segment : streaming) {
            if (failing.contains(segment.id())) {
                continue;
            }
            // one segment's failure is recorded and retried on its own; the others, and the offsets, move on (ADR 0022)
            try {
                CompiledSegment rule = segment.compile();
                long widenStarted = System.nanoTime();
                Set<String> personIds = relevance.relevant(rule, changes.persons());
                Set<String> accountIds = relevance.relevant(rule, changes.accounts());
                relevant += personIds.size() + accountIds.size();
                Set<String> among = personIds.isEmpty() && accountIds.isEmpty() ? Set.of()
                        : ids.computeIfAbsent(List.of(rule.audience(), rule.paths(), personIds, accountIds),
                        k -> affected.expand(rule, personIds, accountIds));
                widening += System.nanoTime() - widenStarted;
                if (!among.isEmpty()) {
                    List<String> entityChanges = redecisions.evaluateAmong(segment, among, Redecisions.STREAMING);
                    decided += among.size();
                    changed += entityChanges.size();
                    redecisions.propagate(all, segment.id(), entityChanges);
                }
            } catch (RuntimeException e) {
                isolation.isolate(segment.id(), Redecisions.STREAMING, e);
            }
        }
        if (log.isDebugEnabled()) {
            log.debug("Streaming pass: {} person and {} account changes, {} segments, {} changes relevant, {} ids re-decided,"
                            + " {} membership changes in {} ms (relevance and widening {} ms)", changes.persons().size(),
                    changes.accounts().size(), streaming.size(), relevant, decided, changed,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), Duration.ofNanos(widening).toMillis());
        }
        return changed;
    }
}
