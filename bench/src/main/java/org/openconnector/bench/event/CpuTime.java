package org.openconnector.bench.event;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by this JVM and by the embedded PostgreSQL it started (the postmaster on the
 * test support's port and its backends, from /proc on Linux; 0 elsewhere). A run's difference divided by its deliveries is a cost per
 * delivery that a loaded machine does not distort the way it distorts throughput.
 */
record CpuTime(double jvmMillis, double postgresMillis, double jitMillis, double gcPauseMillis) {

    /** Linux reports utime and stime in clock ticks; USER_HZ is 100 on every common kernel. */
    private static final double MILLIS_PER_TICK = 10.0;

    /** @param postgresPort the embedded server's port; its postmaster is found by {@code -p <port>} (it is not our child) */
    static CpuTime now(int postgresPort) {
        double jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e6 : 0;
        String flag = "-p " + postgresPort + " ";
        double pg = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("/postgres ") && (p.info().commandLine().orElse("") + " ").contains(flag))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.children()))
                .mapToDouble(p -> ticks(p.pid()) * MILLIS_PER_TICK).sum();
        double gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                // G1's concurrent cycle runs beside the application; only the pauses stop it
                .filter(b -> !b.getName().contains("Concurrent")).mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
        return new CpuTime(jvm, pg, compilerThreads() * MILLIS_PER_TICK, gc);
    }

    CpuTime minus(CpuTime earlier) {
        return new CpuTime(jvmMillis - earlier.jvmMillis, postgresMillis - earlier.postgresMillis,
                jitMillis - earlier.jitMillis, gcPauseMillis - earlier.gcPauseMillis);
    }

    /**
     * CPU ticks of this JVM's JIT compiler threads (part of {@link #jvmMillis}): on a busy 2-core machine C2 was
     * still compiling a third of the JVM's CPU in the first measured run after a 20 s warm-up.
     */
    private static long compilerThreads() {
        long ticks = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // a compiler thread that ended meanwhile (they come and go with the queue)
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks;
    }

    /** utime + stime of a process, plus what its finished children used (cutime + cstime). */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after "(comm) ": state=0 ... utime=11 stime=12 cutime=13 cstime=14
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
