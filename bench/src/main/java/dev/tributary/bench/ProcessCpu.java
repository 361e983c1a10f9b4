package dev.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
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
     * {@code bench}, this client, which shares the two cores. {@code byComponent} splits the same time finer: the
     * standalone's threads by what they serve ({@link #component}), PostgreSQL's backends by the service whose
     * connection they serve ({@code application_name}), and, apart, the PostgreSQL processes that exited meanwhile
     * (autovacuum workers, parallel workers), which {@code postgres} cannot see.
     */
    record Snapshot(Map<String, Double> seconds, Map<String, Double> byComponent) {
        Snapshot minus(Snapshot earlier) {
            return new Snapshot(diff(seconds, earlier.seconds), diff(byComponent, earlier.byComponent));
        }

        private static Map<String, Double> diff(Map<String, Double> now, Map<String, Double> before) {
            Map<String, Double> diff = new LinkedHashMap<>();
            now.forEach((k, v) -> diff.put(k, v - before.getOrDefault(k, 0.0)));
            return diff;
        }
    }

    /**
     * Prints a phase's CPU by component, largest first, and returns it for the results file: each part's seconds
     * times {@code scale} (e.g. 1e6 / records for milliseconds per 1,000 records), parts under 0.5% of the whole
     * left out.
     */
    static Map<String, Double> report(Snapshot used, double scale, String unit, String label) {
        double total = used.byComponent().values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> parts = new LinkedHashMap<>();
        used.byComponent().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 0.005 * total)
                .forEach(e -> parts.put(e.getKey(), Math.round(e.getValue() * scale * 100) / 100.0));
        System.out.printf("  %s: CPU by component (%s)%n", label, unit);
        parts.forEach((part, v) -> System.out.printf("    %7.2f  %s%n", v, part));
        return parts;
    }

    private static final String JIT = "JIT compiler";

    /** What a standalone thread serves, from the name its pool gives it (Linux keeps 15 characters of it). */
    static String component(String thread) {
        // HotSpot names its compiler threads "C2 CompilerThread0", "C1 CompilerThread0", ...
        if (thread.contains("CompilerThre")) return JIT;
        if (thread.startsWith("http-nio-8081")) return "ingestion HTTP";
        if (thread.startsWith("http-nio-")) return "profile and segmentation HTTP";
        if (thread.startsWith("profile-records")) return "profile record consumer";
        if (thread.startsWith("profile-events")) return "profile event consumer";
        if (thread.startsWith("segmentation")) return "segmentation consumers";
        if (thread.startsWith("outbox-relay")) return "outbox relays";
        if (thread.startsWith("kafka-producer")) return "Kafka producers";
        if (thread.startsWith("GC ") || thread.startsWith("G1 ") || thread.startsWith("VM ") || thread.startsWith("Sweeper")) {
            return "GC and VM";
        }
        // the embedded broker's many pools (data-plane-kafka-..., group-coordinator, kafka-0-raft-io, ...) and the rest
        return "Kafka broker and other";
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
    private final Db db;
    private final Set<String> excluded = new HashSet<>();

    private ProcessCpu(long standalonePid, Db db) {
        this.standalonePid = standalonePid;
        this.db = db;
    }

    /** Leaves out a PostgreSQL backend of the bench's own (its count polling), which is not the platform's cost. */
    ProcessCpu exclude(long backendPid) {
        excluded.add(Long.toString(backendPid));
        return this;
    }

    /**
     * Null when the pid is not given or /proc cannot be read.
     *
     * @param db asked what each PostgreSQL process serves ({@link Db#backends()})
     */
    static ProcessCpu of(Options options, Db db) {
        long pid = options.lng("standalone-pid", -1);
        if (pid <= 0 || !Files.isDirectory(Path.of("/proc", Long.toString(pid), "task"))) {
            return null;
        }
        return new ProcessCpu(pid, db);
    }

    Snapshot snapshot() {
        Map<Long, String> backends;
        try {
            backends = db.backends();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_activity", e);
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Double> byComponent = new LinkedHashMap<>();
        seconds.put("jit", 0.0);
        seconds.put("jvm", 0.0);
        seconds.put("postgres", 0.0);
        seconds.put("bench", cpuSeconds(statFields(Path.of("/proc/self/stat"))));
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(standalonePid), "task"))) {
            tasks.forEach(task -> {
                String component = component(read(task.resolve("comm")).trim());
                double cpu = cpuSeconds(statFields(task.resolve("stat")));
                seconds.merge(component.equals(JIT) ? "jit" : "jvm", cpu, Double::sum);
                byComponent.merge(component, cpu, Double::sum);
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the standalone's threads", e);
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> !excluded.contains(p.getFileName().toString()))
                    .filter(p -> isPostgres(read(p.resolve("comm"))))
                    .forEach(p -> {
                        String[] stat = statFields(p.resolve("stat"));
                        double cpu = cpuSeconds(stat);
                        seconds.merge("postgres", cpu, Double::sum);
                        long pid = Long.parseLong(p.getFileName().toString());
                        byComponent.merge("PostgreSQL: " + backends.getOrDefault(pid, "other"), cpu, Double::sum);
                        if (!isPostgres(read(Path.of("/proc", Long.toString(parentPid(stat)), "comm")))) {
                            // the postmaster: its children's time once they exited and were reaped
                            byComponent.merge("PostgreSQL: exited processes (autovacuum, parallel workers)",
                                    childrenCpuSeconds(stat), Double::sum);
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list processes", e);
        }
        return new Snapshot(seconds, byComponent);
    }

    private static boolean isPostgres(String comm) {
        return comm.trim().equals("postgres");
    }

    /** utime + stime, from the {@link #statFields} of a process or thread; 0 once it is gone (a backend that exited takes its time with it). */
    private static double cpuSeconds(String[] f) {
        return f == null ? 0 : (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** cutime + cstime: the time of a process's children that exited and were waited for. */
    private static double childrenCpuSeconds(String[] f) {
        return f == null ? 0 : (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND;
    }

    private static long parentPid(String[] f) {
        return f == null ? 0 : Long.parseLong(f[1]);
    }

    /** The fields of a {@code stat} file after the command name (which is in parentheses and may hold spaces). */
    private static String[] statFields(Path stat) {
        String line = read(stat);
        return line.isEmpty() ? null : line.substring(line.lastIndexOf(')') + 2).split(" ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
