package dev.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time spent by the standalone JVM (its JIT compiler threads apart) and by PostgreSQL during a phase, read
 * from {@code /proc} (Linux only; the standalone's pid comes from {@code bench/run.sh}). Throughput on two shared
 * cores moves with whatever else runs, above all the JIT compiler of a JVM minutes old; CPU time per record is
 * what a change to the pipeline's own work moves.
 */
final class ProcessCpu {

    /**
     * CPU seconds by part: {@code jit}, {@code jvm} (every other thread of the standalone), {@code postgres}, and
     * {@code bench}, this client, which shares the two cores.
     */
    record Snapshot(Map<String, Double> seconds) {
        Snapshot minus(Snapshot earlier) {
            Map<String, Double> diff = new LinkedHashMap<>();
            seconds.forEach((k, v) -> diff.put(k, v - earlier.seconds.getOrDefault(k, 0.0)));
            return new Snapshot(diff);
        }
    }

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    /** The whole machine's CPU time from {@code /proc/stat}, in ticks: busy, idle (with I/O wait) and stolen. */
    record Machine(long busy, long idle, long steal) {
        static Machine now() {
            String line;
            try {
                line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            } catch (IOException | RuntimeException e) {
                return null;
            }
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice
            String[] f = line.trim().split("\\s+");
            long user = Long.parseLong(f[1]) + Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            return new Machine(user + system, Long.parseLong(f[4]) + Long.parseLong(f[5]), Long.parseLong(f[8]));
        }

        /**
         * Shares of the machine's time since {@code earlier}: busy and stolen (by the hypervisor, for other
         * guests). Steal is time this machine wanted a core and did not get one, and it varies from day to day.
         */
        String since(Machine earlier) {
            double total = (busy - earlier.busy) + (idle - earlier.idle) + (steal - earlier.steal);
            return String.format("%.0f%% busy, %.1f%% stolen", 100 * (busy - earlier.busy) / total,
                    100 * (steal - earlier.steal) / total);
        }
    }

    private final long standalonePid;
    private final Set<String> excluded = new HashSet<>();

    private ProcessCpu(long standalonePid) {
        this.standalonePid = standalonePid;
    }

    /** Leaves out a PostgreSQL backend of the bench's own (its count polling), which is not the platform's cost. */
    ProcessCpu exclude(long backendPid) {
        excluded.add(Long.toString(backendPid));
        return this;
    }

    /** Null when the pid is not given or /proc cannot be read. */
    static ProcessCpu of(Options options) {
        long pid = options.lng("standalone-pid", -1);
        if (pid <= 0 || !Files.isDirectory(Path.of("/proc", Long.toString(pid), "task"))) {
            return null;
        }
        return new ProcessCpu(pid);
    }

    Snapshot snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("jit", 0.0);
        seconds.put("jvm", 0.0);
        seconds.put("postgres", 0.0);
        seconds.put("bench", cpuSeconds(Path.of("/proc/self/stat")));
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(standalonePid), "task"))) {
            tasks.forEach(task -> {
                String name = read(task.resolve("comm")).trim();
                // HotSpot names its compiler threads "C2 CompilerThread0", "C1 CompilerThread0", ...
                seconds.merge(name.contains("CompilerThre") ? "jit" : "jvm", cpuSeconds(task.resolve("stat")), Double::sum);
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the standalone's threads", e);
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> !excluded.contains(p.getFileName().toString()))
                    .filter(p -> read(p.resolve("comm")).trim().equals("postgres"))
                    .forEach(p -> seconds.merge("postgres", cpuSeconds(p.resolve("stat")), Double::sum));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list processes", e);
        }
        return new Snapshot(seconds);
    }

    /** utime + stime of a process or thread; 0 once it is gone (a backend that exited takes its time with it). */
    private static double cpuSeconds(Path stat) {
        String line = read(stat);
        if (line.isEmpty()) {
            return 0;
        }
        // the fields after the command name, which is in parentheses and may hold spaces
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
