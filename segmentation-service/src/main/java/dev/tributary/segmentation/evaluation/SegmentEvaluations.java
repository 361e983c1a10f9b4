package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.definition.SegmentDefinition;
import dev.tributary.segmentation.definition.SegmentDefinitions;
import dev.tributary.segmentation.definition.SegmentNotFoundException;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.membership.Candidates;
import dev.tributary.segmentation.membership.MembershipDiff;
import dev.tributary.segmentation.membership.Memberships;
import dev.tributary.support.problem.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The evaluation feature's facade and its batch evaluations (on request, on creation, on schedule, as a failing
 * segment's retry), which decide about everybody; streaming evaluations ({@link StreamingEvaluations}) and time
 * re-checks ({@link TimeRechecks}) decide about some ids only ({@link Redecisions}). All of them go through the
 * membership package's {@link MembershipDiff} under a per-segment lock.
 */
@Service
public class SegmentEvaluations {

    private static final Logger log = LoggerFactory.getLogger(SegmentEvaluations.class);

    private final SegmentDefinitions definitions;
    private final EvaluationTransactions transactions;
    private final MembershipDiff diff;
    private final Memberships memberships;
    private final EvaluationLog evaluations;
    private final Redecisions redecisions;
    private final TransactionTemplate tx;
    private final TransactionTemplate requiresNew;
    private final ThreadPoolTaskExecutor executor;
    private final Clock clock;
    private final TimeEvaluationProperties time;
    private final BatchEvaluationProperties schedule;
    private final FailureLog failures;
    private final FailureIsolation isolation;
    private final EvaluationMeters meters;

    SegmentEvaluations(SegmentDefinitions definitions, EvaluationTransactions transactions, MembershipDiff diff,
                       Memberships memberships, EvaluationLog evaluations, Redecisions redecisions, TransactionTemplate tx,
                       ThreadPoolTaskExecutor evaluationExecutor, Clock clock, TimeEvaluationProperties time,
                       BatchEvaluationProperties schedule, FailureLog failures, FailureIsolation isolation,
                       EvaluationMeters meters) {
        this.definitions = definitions;
        this.transactions = transactions;
        this.diff = diff;
        this.memberships = memberships;
        this.evaluations = evaluations;
        this.redecisions = redecisions;
        this.tx = tx;
        this.requiresNew = new TransactionTemplate(tx.getTransactionManager());
        this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.executor = evaluationExecutor;
        this.clock = clock;
        this.time = time;
        this.schedule = schedule;
        this.failures = failures;
        this.isolation = isolation;
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
                transactions.lock(segmentId);
                // read after the lock: an edit committed while we waited is what we evaluate
                SegmentDefinition segment = definitions.find(segmentId).orElseThrow(() -> new SegmentNotFoundException(segmentId));
                CompiledSegment rule = segment.compile();
                transactions.planFullEvaluation(schedule, rule);
                Instant now = clock.instant();
                List<MembershipDiff.Change> changes = diff.apply(segment, rule, Candidates.ALL, evaluationId, now);
                long entered = changes.stream().filter(MembershipDiff.Change::entered).count();
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
            redecisions.propagate(segmentId, changed);
            log.info("Evaluated segment: took {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
            settle(changed.size());
        } catch (SegmentNotFoundException e) {
            evaluations.failed(evaluationId, e.getMessage(), Duration.ofNanos(System.nanoTime() - started), clock.instant());
        } catch (RuntimeException e) {
            if (FailureIsolation.isDatabaseFailure(e)) {
                // nothing can be recorded either; the schedule or the retry asks again
                log.warn("Evaluation of segment {} failed: the database is unavailable", segmentId, e);
                return;
            }
            evaluations.failed(evaluationId, FailureLog.message(e), Duration.ofNanos(System.nanoTime() - started), clock.instant());
            isolation.isolate(segmentId, trigger, e);
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
                isolation.isolate(segment.id(), "schedule", e);
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

    static final String RETRY = "retry";

    /** Exits every member of a segment being deleted and forgets its membership, in the deleting transaction. */
    void exitAll(SegmentDefinition segment) {
        transactions.lock(segment.id());
        diff.exitAllAndForget(segment, UUID.randomUUID().toString(), clock.instant());
        failures.forget(segment.id());
    }
}
