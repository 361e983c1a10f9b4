package dev.tributary.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 17 server from the zonky binaries, started in-process. Tests share one per JVM
 * (see {@link SharedInfrastructure}); the standalone launcher keeps its data directory between runs.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    /** Crash recovery replays the WAL written since the last checkpoint (up to max_wal_size): it gets the time it takes. */
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(30);
    /** A fast shutdown writes a checkpoint of every dirty buffer (up to shared_buffers) before it exits. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofMinutes(10);

    private final Path dataDirectory;
    private final boolean deleteOnClose;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, boolean deleteOnClose, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.deleteOnClose = deleteOnClose;
        this.port = postgres.getPort();
        this.postgres = postgres;
    }

    /** A throwaway server on a free port; its data directory is deleted by {@link #close()}. */
    public static EmbeddedPostgresServer startTransient() {
        try {
            Path directory = Files.createTempDirectory("tributary-postgres-");
            return new EmbeddedPostgresServer(directory, true, launch(directory, 0, false));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /**
     * @param dataDirectory kept between runs when not null: a PostgreSQL a killed JVM left running on it is stopped
     *                      first, it logs to {@code log/} in it, and {@link #stop()} stops it with a fast shutdown
     *                      that waits for the shutdown checkpoint (ADR 0020)
     * @param port 0 for any free port
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        if (dataDirectory == null) {
            return startTransient();
        }
        LeftoverPostgres.clear(dataDirectory, SHUTDOWN_WAIT);
        return new EmbeddedPostgresServer(dataDirectory, false, launch(dataDirectory, port, true));
    }

    /** @param kept a data directory kept between runs (the standalone's), rather than a test's throwaway one */
    private static EmbeddedPostgres launch(Path dataDirectory, int port, boolean kept) {
        ScheduledExecutorService progress = null;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(kept ? STARTUP_WAIT : Duration.ofSeconds(60))
                    // a new cluster sorts and indexes text by code point (memcmp, like "C") with Unicode character
                    // classes, instead of the host's libc locale: every key here is text (ADR 0012)
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    // sized for a 2-core laptop: enough for bulk upserts and set-based segment queries
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", sharedBuffers())
                    .setServerConfig("work_mem", "32MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("jit", "off");
            // operators' overrides, e.g. CDP_POSTGRES_SETTINGS="shared_preload_libraries=pg_stat_statements,work_mem=64MB"
            String extra = System.getenv("CDP_POSTGRES_SETTINGS");
            if (extra != null && !extra.isBlank()) {
                for (String setting : extra.split(",")) {
                    int eq = setting.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("CDP_POSTGRES_SETTINGS: expected name=value, got '" + setting + "'");
                    }
                    builder.setServerConfig(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
                }
            }
            // the cluster is created on first start and reused by later ones (a restart after stop(), or the next run)
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            if (kept) {
                // stopped in order by stop(), after the services that use it, not by a hook of its own
                builder.setRegisterShutdownHook(false)
                        // the server's own log, with its recovery and checkpoint lines, next to its data
                        .setServerConfig("logging_collector", "on")
                        .setServerConfig("log_directory", "log")
                        .setServerConfig("log_filename", "postgresql-%a.log")
                        .setServerConfig("log_rotation_age", "1d")
                        .setServerConfig("log_truncate_on_rotation", "on");
                progress = startupProgress(dataDirectory);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        } finally {
            if (progress != null) {
                progress.shutdownNow();
            }
        }
    }

    /** A line every ten seconds while the server starts: after a crash it replays its WAL first, which takes a while. */
    private static ScheduledExecutorService startupProgress(Path dataDirectory) {
        long start = System.nanoTime();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "embedded-postgres-start-progress");
            thread.setDaemon(true);
            return thread;
        });
        progress.scheduleAtFixedRate(() -> log.info("PostgreSQL is still starting after {} s (recovery after an unclean "
                        + "stop replays the WAL; see {})", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start),
                dataDirectory.resolve("log")), 10, 10, TimeUnit.SECONDS);
        return progress;
    }

    /**
     * An eighth of the machine's memory, between 512MB and 4GB (2,944MB on the 24 GiB machine of docs/benchmarks.md).
     * The profile tables of 100,000 people (about 1.2GB) outgrow 512MB, and every page evicted and revisited is read
     * back from the kernel's cache: the ingest bench applied 3,667 records/s with 512MB and 4,037 with 3GB. The memory
     * is taken as pages are first used.
     */
    static String sharedBuffers() {
        long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return Math.max(512, Math.min(4096, total / 8 / (1024 * 1024))) + "MB";
    }

    public int port() {
        return port;
    }

    /**
     * Stops the server and keeps its data, for fault tests: clients see their connections fail until {@link #restart()}
     * brings it back on the same port and data directory. Tests sharing the server must restart it in a finally block.
     */
    public synchronized void stop() {
        if (postgres != null) {
            if (deleteOnClose) {
                closeUnchecked(postgres);
            } else {
                stopKept(postgres);
            }
            postgres = null;
        }
    }

    /** Starts a stopped server again, on the same port with the same data. */
    public synchronized void restart() {
        if (postgres == null) {
            postgres = launch(dataDirectory, port, !deleteOnClose);
        }
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    public String jdbcUrl() {
        // batched INSERTs become multi-row statements: profile-service writes in batches of hundreds
        return "jdbc:postgresql://localhost:" + port() + "/postgres?reWriteBatchedInserts=true";
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    @Override
    public synchronized void close() {
        stop();
        if (deleteOnClose) {
            try (Stream<Path> paths = Files.walk(dataDirectory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * zonky's close waits 5 s for {@code pg_ctl stop}: the shutdown checkpoint of a busy server takes longer, and the
     * JVM would exit with the server still running. This waits for it; zonky's own close is then only its lock.
     */
    private void stopKept(EmbeddedPostgres postgres) {
        long start = System.nanoTime();
        LeftoverPostgres.stop(dataDirectory, SHUTDOWN_WAIT);
        try {
            ((AtomicBoolean) field("closed").get(postgres)).set(true);
            FileLock lock = (FileLock) field("lock").get(postgres);
            if (lock != null) {
                lock.release();
            }
            FileOutputStream lockStream = (FileOutputStream) field("lockStream").get(postgres);
            if (lockStream != null) {
                lockStream.close();
            }
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("Could not release the lock of " + dataDirectory, e);
        }
        log.info("PostgreSQL stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static Field field(String name) throws NoSuchFieldException {
        Field field = EmbeddedPostgres.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static void closeUnchecked(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
