package cn.henan.skillshub.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used during one phase of the benchmark, read from {@code /proc}: the whole machine's, and the hub's,
 * the broker's and this driver's own. Records per second alone do not say whether a path is slow because it waits
 * or because it works; CPU microseconds per record do, and the machine's total compares the hub with the raw
 * producer whatever else shares the two cores. Of the hub's time, its JIT compiler threads' share is reported too:
 * a path measured while C2 is still compiling it is not yet in its steady state.
 */
final class CpuTime {

    /** The key of the hub's JIT compiler threads' time, part of the hub's own. */
    static final String HUB_JIT = "hub JIT";
    /** Linux reports CPU time in clock ticks of 1/100 s ({@code USER_HZ}). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> pids;
    private final long startedNanos;
    private final long machineBusyAtStart;
    private final Map<String, Long> processTicksAtStart;

    private CpuTime(Map<String, Long> pids) {
        this.pids = pids;
        this.startedNanos = System.nanoTime();
        this.machineBusyAtStart = machineBusyTicks();
        this.processTicksAtStart = processTicks(pids);
    }

    /** Starts measuring; {@code pids} names the processes to account for one by one (hub, broker…). */
    static CpuTime start(Map<String, Long> pids) {
        Map<String, Long> all = new LinkedHashMap<>(pids);
        all.put("driver", ProcessHandle.current().pid());
        return new CpuTime(all);
    }

    /** The CPU seconds used since {@link #start}, per process and for the whole machine. */
    Used stop() {
        double wall = (System.nanoTime() - startedNanos) / 1e9;
        double machine = (machineBusyTicks() - machineBusyAtStart) / TICKS_PER_SECOND;
        Map<String, Double> processes = new LinkedHashMap<>();
        processTicks(pids).forEach((name, ticks) ->
                processes.put(name, (ticks - processTicksAtStart.getOrDefault(name, ticks)) / TICKS_PER_SECOND));
        return new Used(wall, machine, processes);
    }

    /** CPU seconds of one phase that took {@code wallSeconds}. */
    record Used(double wallSeconds, double machineSeconds, Map<String, Double> processSeconds) {

        /**
         * e.g. "machine 61.2 µs/record (1.85 of 2 cores busy); hub 38.0, broker 14.1, driver 7.9; of the hub's,
         * JIT compiling 0.6".
         */
        String perRecord(long records) {
            StringBuilder text = new StringBuilder(String.format("machine %.1f µs/record (%.2f of %d cores busy)",
                    machineSeconds * 1e6 / records, machineSeconds / wallSeconds,
                    Runtime.getRuntime().availableProcessors()));
            String separator = "; ";
            for (Map.Entry<String, Double> process : processSeconds.entrySet()) {
                if (!process.getKey().equals(HUB_JIT)) {
                    text.append(separator).append(process.getKey()).append(' ')
                            .append(String.format("%.1f", process.getValue() * 1e6 / records));
                    separator = ", ";
                }
            }
            Double jit = processSeconds.get(HUB_JIT);
            if (jit != null) {
                text.append(String.format("; of the hub's, JIT compiling %.1f", jit * 1e6 / records));
            }
            return text.toString();
        }
    }

    /** user + nice + system + irq + softirq + steal of the "cpu" line of /proc/stat: time not idle. */
    private static long machineBusyTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[field]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Map<String, Long> processTicks(Map<String, Long> pids) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            Long used = processTicks(pid);
            if (used != null) {
                ticks.put(name, used);
            }
        });
        Long hub = pids.get("hub");
        if (hub != null) {
            ticks.put(HUB_JIT, compilerThreadTicks(hub));
        }
        return ticks;
    }

    /** The CPU seconds of {@code pid}'s JIT compiler threads, now: how far the hub is from its steady state. */
    static double jitSeconds(long pid) {
        return compilerThreadTicks(pid) / TICKS_PER_SECOND;
    }

    /** CPU seconds of the process {@code pid} now, or 0 once it is gone. */
    static double processSeconds(long pid) {
        Long ticks = processTicks(pid);
        return ticks == null ? 0 : ticks / TICKS_PER_SECOND;
    }

    /** utime + stime of the threads HotSpot names "C1 CompilerThread…"/"C2 CompilerThread…" (cut to 15 chars). */
    private static long compilerThreadTicks(long pid) {
        List<Path> tasks;
        try (Stream<Path> listed = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks = listed.toList();
        } catch (IOException | RuntimeException e) {
            return 0; // the process is gone
        }
        long ticks = 0;
        for (Path task : tasks) {
            try {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    ticks += usedTicks(stat);
                }
            } catch (IOException | RuntimeException e) {
                // A thread that ended since it was listed: HotSpot ends idle compiler threads; count the others.
            }
        }
        return ticks;
    }

    /** utime + stime of /proc/PID/stat (fields 14 and 15), or null once the process is gone. */
    private static Long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return usedTicks(stat);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime (fields 14 and 15) of a process's or thread's {@code stat} line. */
    private static long usedTicks(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
