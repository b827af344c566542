package io.storezero.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The CPU time processes used, from Linux's /proc/PID/stat (utime + stime, in clock ticks of USER_HZ, which the kernel
 * ABI fixes at 100 a second for /proc). A group of processes is a process and its descendants at the moment of
 * reading: PostgreSQL's backends and HAProxy's workers count with their parent; a Keycloak node's is its JVM, the
 * child of the kc.sh whose PID the runner records.
 */
public final class ProcessCpu {

    static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** utime + stime in ticks from one /proc/PID/stat line (the command name, in parentheses, may hold spaces). */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // After "(comm) ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime ...
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** CPU milliseconds each process of {@code pid}'s tree used so far (a process gone meanwhile is left out). */
    public static Map<Long, Long> tree(long pid) {
        Map<Long, Long> millis = new TreeMap<>();
        for (long p : descendants(pid)) {
            try {
                millis.put(p, ticks(Files.readString(Path.of("/proc", Long.toString(p), "stat"))) * 1000 / TICKS_PER_SECOND);
            } catch (IOException | RuntimeException e) {
                // Ended between listing and reading: its time is lost with it.
            }
        }
        return millis;
    }

    /** The CPU milliseconds used between two readings of a tree; a process that appeared counts in full. */
    public static long delta(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** {@code pid} itself if it is a JVM, else its first descendant that is: kc.sh runs its java as a child. */
    public static OptionalLong jvm(long pid) {
        for (long p : descendants(pid)) {
            try {
                if (Files.readString(Path.of("/proc", Long.toString(p), "comm")).trim().equals("java")) {
                    return OptionalLong.of(p);
                }
            } catch (IOException e) {
                // gone
            }
        }
        return OptionalLong.empty();
    }

    /** The PID a runner's pid file (or PostgreSQL's postmaster.pid) holds on its first line. */
    public static long pidFile(Path file) {
        try {
            return Long.parseLong(Files.readAllLines(file).get(0).trim());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static List<Long> descendants(long pid) {
        Set<Long> seen = new LinkedHashSet<>();
        List<Long> queue = new ArrayList<>(List.of(pid));
        while (!queue.isEmpty()) {
            long p = queue.remove(0);
            if (!seen.add(p)) {
                continue;
            }
            Path tasks = Path.of("/proc", Long.toString(p), "task");
            try (var list = Files.list(tasks)) {
                for (Path task : (Iterable<Path>) list::iterator) {
                    try {
                        for (String child : Files.readString(task.resolve("children")).trim().split("\\s+")) {
                            if (!child.isEmpty()) {
                                queue.add(Long.parseLong(child));
                            }
                        }
                    } catch (IOException e) {
                        // thread ended
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }
        seen.removeIf(p -> !Files.exists(Path.of("/proc", Long.toString(p), "stat")));
        return List.copyOf(seen);
    }
}
