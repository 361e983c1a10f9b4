package dev.tributary.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The standalone as its own operating-system process (the test JVM's class path and java), so a test can kill it
 * with SIGKILL or stop it with SIGTERM and start it again on the same data directory.
 */
final class StandaloneProcess {

    static final String TOKEN = "crash-test-token";
    private static final String READY = "Tributary is running.";

    final Path dataDirectory;
    final int ingestionPort = freePort();
    final int profilePort = freePort();
    final int segmentationPort = freePort();
    final int activationPort = freePort();
    final int consolePort = freePort();
    final int kafkaPort = freePort();
    private final Path logs;
    private Process process;
    private Path log;
    private int starts;

    StandaloneProcess(Path dataDirectory, Path logs) {
        this.dataDirectory = dataDirectory;
        this.logs = logs;
    }

    /**
     * Starts the process and waits until it prints that it runs.
     *
     * @return how long the start took
     * @throws AssertionError if the process exits before it is up: it must come up on the first try
     */
    Duration start() {
        starts++;
        log = logs.resolve("standalone-" + starts + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the test pushes little data through it: a quick start matters more than peak speed
                "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                TributaryStandalone.class.getName(),
                "--data-dir=" + dataDirectory));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "CDP_API_TOKEN", TOKEN,
                "CDP_INGESTION_PORT", String.valueOf(ingestionPort),
                "CDP_PROFILE_PORT", String.valueOf(profilePort),
                "CDP_SEGMENTATION_PORT", String.valueOf(segmentationPort),
                "CDP_ACTIVATION_PORT", String.valueOf(activationPort),
                "CDP_CONSOLE_PORT", String.valueOf(consolePort),
                "CDP_KAFKA_PORT", String.valueOf(kafkaPort),
                "CDP_POSTGRES_SETTINGS", "shared_buffers=128MB"));
        long begin = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("start " + starts + " of the standalone (log " + log + ")")
                .atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (output().contains(READY)) {
                        return true;
                    }
                    if (!process.isAlive()) {
                        throw new AssertionError("start " + starts + " failed (exit " + process.exitValue()
                                + "), it must come up on the first try:\n" + tail());
                    }
                    return false;
                });
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /** SIGKILL: nothing of the JVM runs any more, its PostgreSQL server keeps running. */
    void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    /** SIGTERM, then waits for the process to exit; returns its exit code. */
    int stop() {
        process.destroy();
        await("graceful stop (log " + log + ")").atMost(Duration.ofMinutes(2)).until(() -> !process.isAlive());
        return process.exitValue();
    }

    /** After a failed test: the standalone, and the PostgreSQL server a SIGKILL left running, are stopped. */
    void cleanUp() throws IOException {
        if (isAlive()) {
            stop();
        }
        Path pidFile = dataDirectory.resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).filter(p -> p.info().command().orElse("").endsWith("postgres")).ifPresent(p -> {
                p.destroy();
                await().atMost(Duration.ofMinutes(1)).until(() -> !p.isAlive());
            });
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private String tail() throws IOException {
        String out = output();
        return out.substring(Math.max(0, out.length() - 4000));
    }

    String ingestion() {
        return "http://localhost:" + ingestionPort;
    }

    String profile() {
        return "http://localhost:" + profilePort;
    }

    String segmentation() {
        return "http://localhost:" + segmentationPort;
    }

    String kafka() {
        return "localhost:" + kafkaPort;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
