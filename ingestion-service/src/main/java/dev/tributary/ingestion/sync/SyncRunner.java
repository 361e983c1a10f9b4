package dev.tributary.ingestion.sync;

import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.Page;
import dev.tributary.ingestion.connector.SourceTask;
import dev.tributary.ingestion.source.ConnectorSource;
import dev.tributary.ingestion.source.SourceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs connector sources (ADR 0027): one run at a time per source under a database lease; each stream read page by page
 * from its stored cursor; each page's records validated like a batch line and its events like {@code POST /v1/events},
 * published, acknowledged by Kafka, and only then its cursor stored. Failures are retried as the connector classifies
 * them; a run that fails leaves every cursor at the last published page, so the next run loses and skips nothing.
 */
@Service
public class SyncRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    private final SourceService sources;
    private final ConnectorContexts contexts;
    private final PagePublisher pages;
    private final RunRepository runs;
    private final CursorRepository cursors;
    private final LeaseRepository leases;
    private final ConnectorProperties properties;
    private final RunMeters runMeters;
    private final ExecutorService executor;
    private final Map<UUID, ActiveRun> active = new ConcurrentHashMap<>();

    SyncRunner(SourceService sources, ConnectorContexts contexts, PagePublisher pages, RunRepository runs,
               CursorRepository cursors, LeaseRepository leases, ConnectorProperties properties, RunMeters runMeters) {
        this.sources = sources;
        this.contexts = contexts;
        this.pages = pages;
        this.runs = runs;
        this.cursors = cursors;
        this.leases = leases;
        this.properties = properties;
        this.runMeters = runMeters;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(properties.threads(), r -> {
            Thread thread = new Thread(r, "connector-run-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a run if no live run holds the source's lease; a run left by a dead process is marked failed first.
     *
     * @throws RunInProgressException when a live run holds the lease
     */
    public RunResponse start(UUID sourceId, String trigger, boolean fullSync) {
        UUID runId = UUID.randomUUID();
        if (!leases.take(sourceId, runId, properties.leaseTtl())) {
            throw new RunInProgressException(sourceId.toString());
        }
        ActiveRun run = new ActiveRun(sourceId, runId);
        try {
            int abandoned = runs.failOthersRunning(sourceId, runId);
            if (abandoned > 0) {
                log.warn("Source {}: {} run(s) left running by a stopped process marked failed", sourceId, abandoned);
            }
            RunResponse started = runs.insert(runId, sourceId, trigger, fullSync);
            active.put(runId, run);
            executor.execute(() -> execute(run, fullSync));
            return started;
        } catch (RuntimeException e) {
            active.remove(runId);
            leases.release(sourceId, runId);
            throw e;
        }
    }

    /** Renews the leases of the runs this instance executes; a run whose lease was taken stops at its next step. */
    void renewLeases() {
        for (ActiveRun run : active.values()) {
            if (!leases.renew(run.sourceId, run.runId, properties.leaseTtl())) {
                run.leaseLost = true;
            }
        }
    }

    boolean isRunning(UUID sourceId) {
        return active.values().stream().anyMatch(a -> a.sourceId.equals(sourceId));
    }

    private void execute(ActiveRun run, boolean fullSync) {
        long started = System.nanoTime();
        RunProgress progress = new RunProgress();
        String type = "unknown";
        String status = "failed";
        try {
            ConnectorSource source = sources.connectorSource(run.sourceId);
            type = source.connector().type();
            log.info("Run {} of source {} ({}) started{}", run.runId, run.sourceId, type, fullSync ? ", full sync" : "");
            sync(run, source, fullSync, progress);
            status = "succeeded";
            runs.finish(run.runId, progress.counts(), status, null, null);
            log.info("Run {} of source {} succeeded: {} records read, {} published, {} rejected, {} events, {} API calls",
                    run.runId, run.sourceId, progress.read, progress.published, progress.rejected, progress.events,
                    progress.calls.get());
        } catch (RunFailed e) {
            runs.finish(run.runId, progress.counts(), status, e.getMessage(), e.notBefore);
            log.warn("Run {} of source {} failed: {}", run.runId, run.sourceId, e.getMessage());
        } catch (RuntimeException | Error e) {
            String reason = Thread.currentThread().isInterrupted() ? RunRepository.STOPPED : "the run failed: " + e;
            try {
                runs.finish(run.runId, progress.counts(), status, reason, null);
            } catch (RuntimeException recording) {
                e.addSuppressed(recording);
            }
            log.warn("Run {} of source {} failed", run.runId, run.sourceId, e);
        } finally {
            active.remove(run.runId);
            try {
                leases.release(run.sourceId, run.runId);
            } catch (RuntimeException e) {
                // the lease expires by itself
                log.warn("Run {}: could not release the lease of source {}", run.runId, run.sourceId, e);
            }
            runMeters.ran(type, status, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void sync(ActiveRun run, ConnectorSource source, boolean fullSync, RunProgress progress) {
        TaskHolder task = new TaskHolder(source, progress.calls);
        try {
            for (String stream : source.connector().streams()) {
                String cursor = fullSync ? null : cursors.find(source.id(), stream).orElse(null);
                while (true) {
                    Page page = read(run, task, stream, cursor);
                    pages.publish(run, source, stream, page, progress);
                    // only now: every record and event of the page is on Kafka
                    if (page.cursor() != null) {
                        cursors.store(source.id(), stream, page.cursor());
                    }
                    runs.progress(run.runId, progress.counts());
                    if (page.last()) {
                        break;
                    }
                    if (page.cursor() == null) {
                        throw new RunFailed("stream " + stream + ": the connector returned a page that is not the last"
                                + " without a cursor", null);
                    }
                    cursor = page.cursor();
                }
            }
        } finally {
            task.close();
        }
    }

    /** Reads one page, retrying as the failure's kind says. */
    private Page read(ActiveRun run, TaskHolder task, String stream, String cursor) {
        int retriable = 0;
        int rateLimited = 0;
        boolean reopened = false;
        while (true) {
            run.checkAlive();
            try {
                return task.get().read(stream, cursor);
            } catch (QuotaSpentException e) {
                throw new RunFailed("stream " + stream + ": " + e.getMessage(), e.until());
            } catch (ConnectorException e) {
                String reason = "stream " + stream + ": " + e.getMessage();
                switch (e.kind()) {
                    case RETRIABLE -> {
                        if (++retriable >= properties.retryAttempts()) {
                            throw new RunFailed(reason + " (failed " + retriable + " times)", null);
                        }
                        log.info("Run {}: {}; attempt {} of {}", run.runId, reason, retriable + 1, properties.retryAttempts());
                        run.pause(properties.backoff(retriable));
                    }
                    case RATE_LIMITED -> {
                        if (++rateLimited > properties.rateLimitedRetries()) {
                            throw new RunFailed(reason + " (rate limited " + rateLimited + " times)", null);
                        }
                        Duration wait = e.retryAfter() == null ? properties.backoff(rateLimited) : e.retryAfter();
                        run.pause(wait.compareTo(properties.maxRateLimitWait()) > 0 ? properties.maxRateLimitWait() : wait);
                    }
                    case AUTHENTICATION -> {
                        if (reopened) {
                            throw new RunFailed(reason + " (again with a new session)", null);
                        }
                        reopened = true;
                        log.info("Run {}: {}; opening a new session", run.runId, reason);
                        task.reopen();
                    }
                    case PERMANENT -> throw new RunFailed(reason, null);
                }
            }
        }
    }

    /** The run's task; a new one replaces it when its session expired. */
    private final class TaskHolder {
        private final ConnectorSource source;
        private final AtomicLong calls;
        private SourceTask task;

        TaskHolder(ConnectorSource source, AtomicLong calls) {
            this.source = source;
            this.calls = calls;
        }

        SourceTask get() {
            if (task == null) {
                task = source.connector().open(source.config(),
                        contexts.open(source.connector().rateLimit(source.config()), calls));
            }
            return task;
        }

        void reopen() {
            close();
        }

        void close() {
            if (task != null) {
                try {
                    task.close();
                } catch (RuntimeException e) {
                    log.debug("Closing a task of source {} failed", source.id(), e);
                }
                task = null;
            }
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Connector runs did not stop within 10 s; their leases expire and the next start marks them failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
