package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.definition.SegmentDefinition;
import dev.tributary.segmentation.definition.SegmentDefinitions;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.membership.MembershipDiff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Time-dependent segments as time passes: the entities owning a fact that crossed one of the rule's windows
 * since the previous re-check are re-decided (a member whose last page view of the week aged out exits;
 * under {@code not exists(... in last 7 days)} someone enters), not every member (ADR 0011). The first re-check after
 * a start re-decides every member instead, since the facts that aged out while the service was down are not
 * known. Each re-check reaches back {@link #RECHECK_OVERLAP} further than the previous one, for segments
 * created or edited while the previous one listed them (an evaluation in flight holds its segment's lock,
 * so a re-check re-decides after it). Ids are re-decided in slices of
 * {@value #RECHECK_SLICE}, each in its own short transaction, so the segment lock is never held for long:
 * streaming changes of the same segment get their turn in between.
 */
@Service
class TimeRechecks {

    private static final Logger log = LoggerFactory.getLogger(TimeRechecks.class);

    static final int RECHECK_SLICE = 1000;
    /** How much further back than the previous re-check each one looks for facts that crossed a window. */
    static final Duration RECHECK_OVERLAP = Duration.ofMinutes(10);

    private final SegmentDefinitions definitions;
    private final MembershipDiff diff;
    private final AffectedEntities affected;
    private final FailureIsolation isolation;
    private final Redecisions redecisions;
    private final Clock clock;
    /** When the last time re-check started that ran to the end; null until one has since this service started. */
    private volatile Instant lastRecheck;

    TimeRechecks(SegmentDefinitions definitions, MembershipDiff diff, AffectedEntities affected,
                 FailureIsolation isolation, Redecisions redecisions, Clock clock) {
        this.definitions = definitions;
        this.diff = diff;
        this.affected = affected;
        this.isolation = isolation;
        this.redecisions = redecisions;
        this.clock = clock;
    }

    void recheckTimeDependent() {
        Instant now = clock.instant();
        // the first time, or after the clock went back: which facts crossed a window since is not known
        Instant since = lastRecheck == null || now.isBefore(lastRecheck) ? null : lastRecheck.minus(RECHECK_OVERLAP);
        long started = System.nanoTime();
        int segments = 0;
        int decided = 0;
        for (SegmentDefinition segment : Redecisions.dependencyOrder(definitions.list())) {
            try {
                CompiledSegment rule = segment.compile();
                if (rule.timeDependent()) {
                    List<String> ids = since == null ? diff.activeMemberIds(segment.id())
                            : List.copyOf(affected.crossedWindows(rule, since, now));
                    for (int from = 0; from < ids.size(); from += RECHECK_SLICE) {
                        List<String> slice = ids.subList(from, Math.min(ids.size(), from + RECHECK_SLICE));
                        redecisions.propagate(segment.id(), redecisions.evaluateAmong(segment, slice, Redecisions.RECHECK));
                    }
                    segments++;
                    decided += ids.size();
                }
            } catch (RuntimeException e) {
                // the rest of its ids are decided by the retry's full evaluation
                isolation.isolate(segment.id(), Redecisions.RECHECK, e);
            }
        }
        lastRecheck = now;
        log.debug("Time re-check ({}): {} segments, {} ids re-decided in {} ms", since == null ? "every member" : "window crossings since " + since,
                segments, decided, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}
