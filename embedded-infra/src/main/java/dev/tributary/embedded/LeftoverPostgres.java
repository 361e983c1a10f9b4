package dev.tributary.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a killed JVM leaves of its embedded PostgreSQL: the postmaster runs on (pg_ctl started it in its own session,
 * so SIGKILL of the JVM does not reach it) and holds the data directory, or, if it is gone too, its
 * {@code postmaster.pid} remains. Both are cleared before a start (ADR 0020).
 */
final class LeftoverPostgres {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostgres.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private LeftoverPostgres() {
    }

    /** Stops a postmaster still running on {@code dataDirectory}, or removes its stale pid file. */
    static void clear(Path dataDirectory, Duration fastShutdownWait) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<Long> pid = pidOf(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(p -> isPostmasterOf(p, dataDirectory));
        if (process.isEmpty()) {
            // the postmaster is gone; the pid may since belong to another process, which PostgreSQL would take for a
            // running server and refuse to start
            log.info("Removing the stale {} of a PostgreSQL that is no longer running (pid {})", pidFile, pid.get());
            delete(pidFile);
            return;
        }
        log.warn("PostgreSQL (pid {}) is still running on {}, left by a previous run that did not stop: "
                + "stopping it (fast shutdown)", pid.get(), dataDirectory);
        fastShutdown(process.get(), dataDirectory, fastShutdownWait);
        log.info("The previous run's PostgreSQL stopped");
    }

    /** Stops the postmaster of this data directory, if it runs, and waits for it to exit. */
    static void stop(Path dataDirectory, Duration fastShutdownWait) {
        pidOf(dataDirectory.resolve("postmaster.pid"))
                .flatMap(ProcessHandle::of)
                .filter(p -> isPostmasterOf(p, dataDirectory))
                .ifPresent(p -> fastShutdown(p, dataDirectory, fastShutdownWait));
    }

    /**
     * SIGINT is PostgreSQL's fast shutdown: abort the sessions, write a shutdown checkpoint, exit; the next start has
     * nothing to recover. A signal rather than pg_ctl, which refuses to run as root (zonky runs the server in a user
     * namespace then).
     */
    private static void fastShutdown(ProcessHandle postmaster, Path dataDirectory, Duration wait) {
        if (!signal(postmaster.pid(), "INT") || !awaitExit(postmaster, wait)) {
            log.warn("PostgreSQL (pid {}) did not stop in {} s: immediate shutdown, its WAL is replayed at the next start",
                    postmaster.pid(), wait.toSeconds());
            signal(postmaster.pid(), "QUIT");
            if (!awaitExit(postmaster, Duration.ofMinutes(1))) {
                throw new IllegalStateException("PostgreSQL (pid " + postmaster.pid() + ") keeps running on "
                        + dataDirectory + " and could not be stopped: stop it, then start again");
            }
        }
    }

    static Optional<Long> pidOf(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The postmaster runs as {@code postgres -D <dir> ...}; any other process with that pid is not ours. */
    private static boolean isPostmasterOf(ProcessHandle process, Path dataDirectory) {
        String dir = dataDirectory.toAbsolutePath().normalize().toString();
        try {
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).replace('\0', ' ');
            return cmdline.contains("postgres") && cmdline.contains(dir);
        } catch (IOException e) {
            // no /proc (macOS): the command, where the system reports it
            return process.info().command().map(c -> c.endsWith("postgres")).orElse(false)
                    && process.info().arguments().map(a -> List.of(a).contains(dir)).orElse(false);
        }
    }

    private static boolean signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true).start();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for the process to exit, with a progress line every ten seconds. */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long start = System.nanoTime();
        while (process.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                process.onExit().get(Math.min(left, PROGRESS_EVERY.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                log.info("Waiting for PostgreSQL (pid {}) to stop: {} s", process.pid(),
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            } catch (ExecutionException e) {
                return !process.isAlive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return true;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + file, e);
        }
    }
}
