package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.definition.EvaluationMode;
import dev.tributary.segmentation.definition.SegmentDefinition;
import dev.tributary.segmentation.definition.SegmentDefinitions;
import dev.tributary.segmentation.definition.SegmentNotFoundException;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.membership.Memberships;
import dev.tributary.support.problem.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
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
 * The evaluation feature's facade. Batch evaluations (on request, on creation, on schedule) decide
 * about everybody; streaming evaluations and time re-checks decide about some ids only. All of them
 * go through {@link MembershipDiff} under a per-segment lock.
 */
@Service
public class SegmentEvaluations {

    private static final Logger log = LoggerFactory.getLogger(SegmentEvaluations.class);

    private final SegmentDefinitions definitions;
    private final MembershipDiff diff;
    private final Memberships memberships;
    private final EvaluationLog evaluations;
    private final AffectedEntities affected;
    private final ChangeRelevance relevance;
    private final TransactionTemplate tx;
    private final TransactionTemplate requiresNew;
    private final ThreadPoolTaskExecutor executor;
    private final Clock clock;
    private final TimeEvaluationProperties time;
    private final ScheduleProperties schedule;
    private final FailureLog failures;
    private final EvaluationMeters meters;

    SegmentEvaluations(SegmentDefinitions definitions, MembershipDiff diff, Memberships memberships, EvaluationLog evaluations,
                       AffectedEntities affected, ChangeRelevance relevance, TransactionTemplate tx,
                       ThreadPoolTaskExecutor evaluationExecutor, Clock clock, TimeEvaluationProperties time,
                       ScheduleProperties schedule, FailureLog failures, EvaluationMeters meters) {
        this.definitions = definitions;
        this.diff = diff;
        this.memberships = memberships;
        this.evaluations = evaluations;
        this.affected = affected;
        this.relevance = relevance;
        this.tx = tx;
        this.requiresNew = new TransactionTemplate(tx.getTransactionManager());
        this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.executor = evaluationExecutor;
        this.clock = clock;
        this.time = time;
        this.schedule = schedule;
        this.failures = failures;
        this.meters = meters;
    }

    /** The trigger of an evaluation asked for through the API. */
    static final String MANUAL = "manual";

    /**
     * Queues a batch evaluation; it runs on the evaluation executor. One asked for through the API is refused
     * while {@code cdp.segmentation.schedule.queue-capacity} evaluations wait already; the service's own (on
     * creation, edit, schedule, retry) never are: each segment has at most one of each due at a time.
     */
    public EvaluationStatus request(String segmentId, String trigger) {
        definitions.get(segmentId);
        if (MANUAL.equals(trigger) && executor.getQueueSize() >= schedule.queueCapacity()) {
            throw new EvaluationQueueFullException(schedule.queueCapacity(), schedule.queueRetryAfter());
        }
        String id = UUID.randomUUID().toString();
        // committed before the executor can pick it up, whatever transaction the caller is in
        requiresNew.executeWithoutResult(status -> evaluations.queued(id, segmentId, trigger, clock.instant()));
        executor.execute(() -> runBatch(segmentId, id, trigger));
        return evaluation(segmentId, id);
    }

    public EvaluationStatus evaluation(String segmentId, String evaluationId) {
        definitions.get(segmentId);
        return evaluations.find(segmentId, evaluationId)
                .orElseThrow(() -> new NotFoundException("Evaluation", evaluationId));
    }

    void runBatch(String segmentId, String evaluationId, String trigger) {
        MDC.put("segmentId", segmentId);
        MDC.put("evaluationId", evaluationId);
        long started = System.nanoTime();
        Instant startedAt = clock.instant();
        int[] recoveredAfter = {0};
        try {
            evaluations.running(evaluationId);
            List<String> changed = tx.execute(status -> {
                diff.lock(segmentId);
                // read after the lock: an edit committed while we waited is what we evaluate
                SegmentDefinition segment = definitions.find(segmentId).orElseThrow(() -> new SegmentNotFoundException(segmentId));
                CompiledSegment rule = segment.compile();
                diff.fullEvaluation(schedule, rule);
                Instant now = clock.instant();
                List<MembershipDiff.Change> changes = diff.apply(segment, rule, Scope.ALL, evaluationId, now);
                long entered = changes.stream().filter(c -> c.change().equals("entered")).count();
                evaluations.succeeded(evaluationId, memberships.activeMembers(segmentId), entered, changes.size() - entered,
                        Duration.ofNanos(System.nanoTime() - started), clock.instant());
                // decided in full: whatever streaming and re-checks skipped while it was failing is decided too
                recoveredAfter[0] = failures.recovered(segmentId, startedAt);
                return changes.stream().map(MembershipDiff.Change::entityId).toList();
            });
            meters.evaluated(segmentId, "batch", System.nanoTime() - started);
            if (recoveredAfter[0] > 0) {
                log.info("Segment {} evaluates again after {} failed attempts", segmentId, recoveredAfter[0]);
            }
            propagate(segmentId, changed);
            log.info("Evaluated segment: took {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
            settle(changed.size());
        } catch (SegmentNotFoundException e) {
            evaluations.failed(evaluationId, e.getMessage(), Duration.ofNanos(System.nanoTime() - started), clock.instant());
        } catch (RuntimeException e) {
            if (isDatabaseFailure(e)) {
                // nothing can be recorded either; the schedule or the retry asks again
                log.warn("Evaluation of segment {} failed: the database is unavailable", segmentId, e);
                return;
            }
            evaluations.failed(evaluationId, FailureLog.message(e), Duration.ofNanos(System.nanoTime() - started), clock.instant());
            isolate(segmentId, trigger, e);
        } finally {
            MDC.remove("segmentId");
            MDC.remove("evaluationId");
        }
    }

    /** After many membership changes: {@link MembershipDiff#settle}, which never fails the evaluation that committed. */
    private void settle(int changes) {
        if (schedule.analyzeAfterChanges() == 0 || changes < schedule.analyzeAfterChanges()) {
            return;
        }
        long started = System.nanoTime();
        try {
            diff.settle();
            log.info("Analysed membership after {} changes: took {} ms", changes,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (RuntimeException e) {
            log.warn("Could not analyse membership after {} changes; autovacuum will", changes, e);
        }
    }

    /**
     * Re-evaluates streaming segments for profiles that changed. Changes that cannot alter a rule's answer
     * are dropped ({@link ChangeRelevance}); the rest are widened to everybody whose answer may depend on them
     * along the paths the rule follows ({@link AffectedEntities}), and only those are diffed, with the same SQL
     * as batch.
     *
     * @return how many memberships changed (dependent segments' changes apart)
     */
    int evaluateChanged(ProfileChanges changes) {
        List<SegmentDefinition> all = definitions.list();
        List<SegmentDefinition> streaming = dependencyOrder(all.stream()
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
                    List<String> entityChanges = evaluateAmong(segment, among, STREAMING);
                    decided += among.size();
                    changed += entityChanges.size();
                    propagate(all, segment.id(), entityChanges);
                }
            } catch (RuntimeException e) {
                isolate(segment.id(), STREAMING, e);
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

    /**
     * Time-dependent segments as time passes: the entities owning a fact that crossed one of the rule's windows
     * since the previous re-check are re-decided (a member whose last page view of the week aged out exits;
     * under {@code not exists(... in last 7 days)} someone enters), not every member. The first re-check after
     * a start re-decides every member instead, since the facts that aged out while the service was down are not
     * known. Each re-check reaches back {@link #RECHECK_OVERLAP} further than the previous one, for segments
     * created or edited while the previous one listed them (an evaluation in flight holds its segment's lock,
     * so a re-check re-decides after it). Ids are re-decided in slices of
     * {@value #RECHECK_SLICE}, each in its own short transaction, so the segment lock is never held for long:
     * streaming changes of the same segment get their turn in between.
     */
    public void recheckTimeDependent() {
        Instant now = clock.instant();
        // the first time, or after the clock went back: which facts crossed a window since is not known
        Instant since = lastRecheck == null || now.isBefore(lastRecheck) ? null : lastRecheck.minus(RECHECK_OVERLAP);
        long started = System.nanoTime();
        int segments = 0;
        int decided = 0;
        for (SegmentDefinition segment : dependencyOrder(definitions.list())) {
            try {
                CompiledSegment rule = segment.compile();
                if (rule.timeDependent()) {
                    List<String> ids = since == null ? diff.activeMemberIds(segment.id())
                            : List.copyOf(affected.crossedWindows(rule, since, now));
                    for (int from = 0; from < ids.size(); from += RECHECK_SLICE) {
                        List<String> slice = ids.subList(from, Math.min(ids.size(), from + RECHECK_SLICE));
                        propagate(segment.id(), evaluateAmong(segment, slice, RECHECK));
                    }
                    segments++;
                    decided += ids.size();
                }
            } catch (RuntimeException e) {
                // the rest of its ids are decided by the retry's full evaluation
                isolate(segment.id(), RECHECK, e);
            }
        }
        lastRecheck = now;
        log.debug("Time re-check ({}): {} segments, {} ids re-decided in {} ms", since == null ? "every member" : "window crossings since " + since,
                segments, decided, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    static final int RECHECK_SLICE = 1000;
    /** How much further back than the previous re-check each one looks for facts that crossed a window. */
    static final Duration RECHECK_OVERLAP = Duration.ofMinutes(10);
    /** When the last time re-check started that ran to the end; null until one has since this service started. */
    private volatile Instant lastRecheck;

    /**
     * Requests the batch evaluations that are due: by the segment's schedule, or the full time re-check; and the
     * retries of failing segments whose backoff has passed (a failing segment's schedule waits for its retry).
     */
    public void runDue() {
        Set<String> failing = Set.copyOf(failures.failing());
        List<String> ids = new ArrayList<>();
        List<Duration> intervals = new ArrayList<>();
        for (SegmentDefinition segment : definitions.list()) {
            if (failing.contains(segment.id())) {
                continue;
            }
            try {
                Duration interval = segment.scheduleDuration();
                if (segment.compile().timeDependent()) {
                    interval = interval == null || interval.compareTo(time.fullInterval()) > 0 ? time.fullInterval() : interval;
                }
                if (interval != null) {
                    ids.add(segment.id());
                    intervals.add(interval);
                }
            } catch (RuntimeException e) {
                isolate(segment.id(), "schedule", e);
            }
        }
        Instant now = clock.instant();
        for (String segmentId : evaluations.due(ids, intervals, now)) {
            request(segmentId, "schedule");
        }
        for (String segmentId : failures.claimDue(now)) {
            try {
                request(segmentId, RETRY);
            } catch (SegmentNotFoundException e) {
                log.debug("Segment {} was deleted before its retry", segmentId);
            }
        }
    }

    static final String STREAMING = "streaming";
    static final String RECHECK = "recheck";
    static final String DEPENDENCY = "dependency";
    static final String RETRY = "retry";

    /**
     * Records a segment's own failure (its rule's SQL, its stored rule, its data) and lets the caller go on with the
     * other segments; the segment is skipped by streaming and re-checks until a full evaluation, retried with backoff,
     * succeeds (ADR 0022). A failure of the database itself is rethrown: no other segment could be evaluated either,
     * and the caller's own retry (the change consumer's, the next tick) is the right one.
     */
    private void isolate(String segmentId, String trigger, RuntimeException e) {
        if (isDatabaseFailure(e)) {
            throw e;
        }
        int attempts = failures.failed(segmentId, trigger, e, clock.instant());
        log.warn("Evaluation of segment {} failed ({}, {} in a row); it is skipped until a full evaluation succeeds",
                segmentId, trigger, attempts, e);
    }

    /** No connection to the database, or a lost one: not a failure of any segment. */
    private static boolean isDatabaseFailure(RuntimeException e) {
        return e instanceof DataAccessResourceFailureException || e instanceof CannotCreateTransactionException;
    }

    /** Diffs only {@code ids}; returns the ids whose membership changed. */
    private List<String> evaluateAmong(SegmentDefinition segment, Collection<String> ids, String trigger) {
        long started = System.nanoTime();
        String evaluationId = UUID.randomUUID().toString();
        List<String> changed = tx.execute(status -> {
            diff.lockAmong(segment.id());
            // the segment may have been edited or deleted since it was listed; a failing one waits for its retry
            SegmentDefinition current = definitions.find(segment.id()).orElse(null);
            if (current == null || failures.isFailing(segment.id())) {
                return List.<String>of();
            }
            Instant now = clock.instant();
            CompiledSegment compiled = current.compile();
            List<MembershipDiff.Change> changes = diff.apply(current, compiled, Scope.among(ids), evaluationId, now);
            if (!changes.isEmpty()) {
                long entered = changes.stream().filter(c -> c.change().equals("entered")).count();
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
    private void propagate(String segmentId, List<String> changedIds) {
        if (changedIds != null && !changedIds.isEmpty()) {
            propagate(definitions.list(), segmentId, changedIds);
        }
    }

    /** @param all every segment, as listed by the caller */
    private void propagate(List<SegmentDefinition> all, String segmentId, List<String> changedIds) {
        if (changedIds == null || changedIds.isEmpty()) {
            return;
        }
        for (SegmentDefinition reader : all) {
            if (references(reader).contains(segmentId)) {
                try {
                    propagate(all, reader.id(), evaluateAmong(reader, changedIds, DEPENDENCY));
                } catch (RuntimeException e) {
                    isolate(reader.id(), DEPENDENCY, e);
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

    /** Exits every member of a segment being deleted and forgets its membership, in the deleting transaction. */
    void exitAll(SegmentDefinition segment) {
        diff.lock(segment.id());
        String evaluationId = UUID.randomUUID().toString();
        diff.apply(segment, MembershipDiff.NOBODY, false, Map.of(), Scope.ALL, evaluationId, clock.instant());
        diff.forget(segment.id());
    }
}
