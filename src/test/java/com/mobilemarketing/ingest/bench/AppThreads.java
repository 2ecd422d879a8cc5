package com.mobilemarketing.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The app's CPU by thread between two moments (Linux: {@code /proc/<pid>/task}): user and kernel
 * time and context switches of every thread, summed by what the thread does. A Java profiler sees
 * only the time in Java code; at low rates most of a callback's CPU is in the kernel, waking and
 * switching threads (docs/benchmarks.md), which this shows per thread. The kernel truncates a
 * thread's name to 15 characters, so the Java names come from a thread dump ({@code jcmd
 * Thread.print}), taken outside the measured window because it stops the app at a safepoint.
 */
final class AppThreads {

    /** What one thread (or a group of them) used: clock ticks (1/100 s) and context switches. */
    record Usage(long userTicks, long kernelTicks, long voluntarySwitches, long involuntarySwitches) {

        static final Usage NONE = new Usage(0, 0, 0, 0);

        Usage plus(Usage other) {
            return new Usage(
                    userTicks + other.userTicks,
                    kernelTicks + other.kernelTicks,
                    voluntarySwitches + other.voluntarySwitches,
                    involuntarySwitches + other.involuntarySwitches);
        }

        Usage minus(Usage other) {
            return new Usage(
                    userTicks - other.userTicks,
                    kernelTicks - other.kernelTicks,
                    voluntarySwitches - other.voluntarySwitches,
                    involuntarySwitches - other.involuntarySwitches);
        }

        long ticks() {
            return userTicks + kernelTicks;
        }

        /** µs of CPU (user and kernel) per callback. */
        double microsPer(long callbacks) {
            return ticks() * MICROS_PER_TICK / Math.max(1, callbacks);
        }
    }

    /** A thread's kernel name (its first 15 characters) and what it used so far. */
    record Task(String kernelName, Usage usage) {}

    private static final Pattern DUMP_LINE = Pattern.compile("^\"(.*)\" .*\\bnid=(0x[0-9a-fA-F]+|[0-9]+)\\b.*");
    private static final Pattern SWITCHES = Pattern.compile("(?m)^(voluntary|nonvoluntary)_ctxt_switches:\\s+(\\d+)$");

    /** A clock tick of /proc (1/100 s) in µs. */
    private static final double MICROS_PER_TICK = 1e4;

    /** The group of the JIT's compiler threads. */
    static final String JIT = "JIT compiler";

    private AppThreads() {}

    /** Every thread of the process now, by thread id; empty where /proc is not there. */
    static Map<Long, Task> snapshot(long pid) {
        var threads = new HashMap<Long, Task>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (var task : (Iterable<Path>) tasks::iterator) {
                try {
                    var thread =
                            parse(Files.readString(task.resolve("stat")), Files.readString(task.resolve("status")));
                    threads.put(Long.parseLong(task.getFileName().toString()), thread);
                } catch (IOException | RuntimeException ignored) {
                    // The thread ended meanwhile.
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return threads;
    }

    /** A thread from its {@code stat} line (the name in parentheses may hold any character) and {@code status}. */
    static Task parse(String stat, String status) {
        var name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        // After the name: state(3) ppid(4) ... utime(14) stime(15), counted from 1 at the pid.
        var fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long voluntary = 0;
        long involuntary = 0;
        var switches = SWITCHES.matcher(status);
        while (switches.find()) {
            if (switches.group(1).equals("voluntary")) {
                voluntary = Long.parseLong(switches.group(2));
            } else {
                involuntary = Long.parseLong(switches.group(2));
            }
        }
        return new Task(
                name, new Usage(Long.parseLong(fields[11]), Long.parseLong(fields[12]), voluntary, involuntary));
    }

    /** The Java names of the process's threads by thread id, from a thread dump; empty when jcmd fails. */
    static Map<Long, String> javaNames(long pid) {
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            var process = new ProcessBuilder(jcmd, Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            var output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Map.of();
            }
            return javaNames(output.lines().toList());
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** The thread dump's names by thread id ({@code nid}: decimal since JDK 19, hexadecimal before). */
    static Map<Long, String> javaNames(List<String> dump) {
        var names = new HashMap<Long, String>();
        for (var line : dump) {
            var match = DUMP_LINE.matcher(line);
            if (match.matches()) {
                var nid = match.group(2);
                names.put(
                        nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid),
                        match.group(1));
            }
        }
        return names;
    }

    /**
     * What a thread does, from its Java name (or, for the JVM's own threads that a dump may not
     * list, its kernel name): Tomcat's request threads, poller and acceptor, the callback listener's
     * event loops, the JIT, the garbage
     * collector, and any other thread by its name without the trailing number.
     */
    static String group(@Nullable String javaName, String kernelName) {
        var name = javaName != null ? javaName : kernelName;
        if (name.startsWith("http-nio-")) {
            if (name.contains("-exec-")) {
                return "Tomcat request threads";
            }
            if (name.endsWith("-Poller")) {
                return "Tomcat poller";
            }
            return name.endsWith("-Acceptor") ? "Tomcat acceptor" : "Tomcat, other";
        }
        if (name.startsWith("callback-listener-")) {
            return "callback listener";
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "garbage collector";
        }
        var stripped = name.replaceAll("[-#_ ]?\\d+$", "");
        return stripped.isEmpty() ? name : stripped;
    }

    /**
     * What each group used between the two snapshots, the largest first. A thread that started
     * after the first counts from zero; one that ended before the second is not counted.
     */
    static Map<String, Usage> byGroup(Map<Long, Task> before, Map<Long, Task> after, Map<Long, String> javaNames) {
        var groups = new HashMap<String, Usage>();
        after.forEach((tid, thread) -> {
            var earlier = before.get(tid);
            var used = earlier == null || !earlier.kernelName().equals(thread.kernelName())
                    ? thread.usage()
                    : thread.usage().minus(earlier.usage());
            groups.merge(group(javaNames.get(tid), thread.kernelName()), used, Usage::plus);
        });
        var sorted = new LinkedHashMap<String, Usage>();
        groups.entrySet().stream()
                .sorted((a, b) ->
                        Long.compare(b.getValue().ticks(), a.getValue().ticks()))
                .forEach(group -> sorted.put(group.getKey(), group.getValue()));
        return sorted;
    }

    /**
     * One line per group that used at least 1 % of the window's CPU, then the rest in one line: µs
     * of user and kernel time and context switches per callback.
     */
    static List<String> lines(Map<String, Usage> groups, long callbacks) {
        var total = groups.values().stream().reduce(Usage.NONE, Usage::plus);
        var lines = new java.util.ArrayList<String>();
        lines.add(line("all threads", total, callbacks));
        var rest = Usage.NONE;
        for (var group : groups.entrySet()) {
            if (group.getValue().ticks() * 100 >= total.ticks()) {
                lines.add(line(group.getKey(), group.getValue(), callbacks));
            } else {
                rest = rest.plus(group.getValue());
            }
        }
        if (rest.ticks() > 0 || rest.voluntarySwitches() > 0) {
            lines.add(line("the others", rest, callbacks));
        }
        return lines;
    }

    private static String line(String group, Usage usage, long callbacks) {
        double per = Math.max(1, callbacks);
        return "%-26s %6.1f µs user + %6.1f µs kernel, %5.2f + %5.2f context switches (voluntary + not)"
                .formatted(
                        group,
                        usage.userTicks() * MICROS_PER_TICK / per,
                        usage.kernelTicks() * MICROS_PER_TICK / per,
                        usage.voluntarySwitches() / per,
                        usage.involuntarySwitches() / per);
    }
}
