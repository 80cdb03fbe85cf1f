package io.edgebus.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU, memory and load figures read from /proc. */
final class ProcStats {
    private ProcStats() {
    }

    static final double CLOCK_TICKS = 100; // USER_HZ on Linux

    /** utime + stime of a process in clock ticks, or -1. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The RabbitMQ node: the beam.smp process that has used the most CPU. */
    static long brokerPid() {
        long best = -1;
        long bestTicks = -1;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (!Files.readString(p.resolve("comm")).trim().equals("beam.smp")) {
                        continue;
                    }
                } catch (IOException e) {
                    continue;
                }
                long pid = Long.parseLong(name);
                long ticks = cpuTicks(pid);
                if (ticks > bestTicks) {
                    best = pid;
                    bestTicks = ticks;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return best;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static long[] memory(long pid) {
        long rss = -1;
        long hwm = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not read /proc/" + pid + "/status: " + e);
        }
        return new long[] {rss, hwm};
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
