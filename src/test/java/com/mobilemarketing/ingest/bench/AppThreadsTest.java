package com.mobilemarketing.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mobilemarketing.ingest.bench.AppThreads.Task;
import com.mobilemarketing.ingest.bench.AppThreads.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppThreadsTest {

    private static final String STATUS = """
            Name:\thttp-nio-127.0.
            State:\tS (sleeping)
            voluntary_ctxt_switches:\t1234
            nonvoluntary_ctxt_switches:\t56
            """;

    @Test
    void aThreadsTimesAndSwitchesComeFromItsStatAndStatus() {
        // A name may hold spaces and parentheses: the fields count from the last ')'.
        var stat = "4242 (odd (name) 1) S 4100 4100 4100 0 -1 4194368 10 0 0 0 700 250 0 0 20 0 90 0 5 0 0";

        var task = AppThreads.parse(stat, STATUS);

        assertThat(task.kernelName()).isEqualTo("odd (name) 1");
        assertThat(task.usage()).isEqualTo(new Usage(700, 250, 1234, 56));
    }

    @Test
    void javaNamesComeFromTheThreadDumpInDecimalOrHexadecimal() {
        var names = AppThreads.javaNames(List.of(
                "\"http-nio-127.0.0.1-40665-exec-1\" #45 [28354] daemon prio=5 os_prio=0 cpu=1.00ms elapsed=9.00s"
                        + " tid=0x00007f0000001000 nid=28354 waiting on condition  [0x00007f0000002000]",
                "   java.lang.Thread.State: WAITING (parking)",
                "\"C2 CompilerThread0\" #7 daemon prio=9 os_prio=0 cpu=5.00ms elapsed=9.00s tid=0x00007f0000003000"
                        + " nid=0x6eb1 waiting on condition  [0x0000000000000000]",
                "\"VM Thread\" os_prio=0 cpu=2.00ms elapsed=9.00s tid=0x00007f0000004000 nid=28300 runnable"));

        assertThat(names)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        28354L, "http-nio-127.0.0.1-40665-exec-1",
                        0x6eb1L, "C2 CompilerThread0",
                        28300L, "VM Thread"));
    }

    @Test
    void aRunningJvmsThreadsAreFoundByTheirJavaNames() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        long pid = ProcessHandle.current().pid();

        var names = AppThreads.javaNames(pid);
        var tasks = AppThreads.snapshot(pid);

        assertThat(names).containsValue(Thread.currentThread().getName());
        assertThat(tasks.keySet()).containsAll(names.keySet());
        assertThat(tasks.values().stream()
                        .mapToLong(task -> task.usage().ticks())
                        .sum())
                .isPositive();
    }

    @Test
    void threadsAreGroupedByWhatTheyDo() {
        assertThat(AppThreads.group("http-nio-127.0.0.1-40665-exec-12", "http-nio-127.0."))
                .isEqualTo("Tomcat request threads");
        assertThat(AppThreads.group("http-nio-127.0.0.1-40665-Poller", "http-nio-127.0."))
                .isEqualTo("Tomcat poller");
        assertThat(AppThreads.group("http-nio-8080-Acceptor", "http-nio-8080-A"))
                .isEqualTo("Tomcat acceptor");
        assertThat(AppThreads.group(null, "C2 CompilerThre")).isEqualTo("JIT compiler");
        assertThat(AppThreads.group("GC Thread#1", "GC Thread#1")).isEqualTo("garbage collector");
        assertThat(AppThreads.group(null, "G1 Refine#0")).isEqualTo("garbage collector");
        assertThat(AppThreads.group("callback-listener-1-2", "callback-listen")).isEqualTo("callback listener");
        assertThat(AppThreads.group("ingest-writer-0", "ingest-writer-0")).isEqualTo("ingest-writer");
        assertThat(AppThreads.group("ingest-folder", "ingest-folder")).isEqualTo("ingest-folder");
        assertThat(AppThreads.group(null, "42")).isEqualTo("42");
    }

    @Test
    void aGroupGetsWhatItsThreadsUsedBetweenTheSnapshots() {
        var before = Map.of(
                1L, new Task("http-nio-127.0.", new Usage(100, 50, 10, 1)),
                2L, new Task("http-nio-127.0.", new Usage(10, 5, 1, 0)),
                3L, new Task("gone", new Usage(999, 999, 999, 999)),
                4L, new Task("old name", new Usage(500, 500, 500, 500)));
        var after = Map.of(
                1L, new Task("http-nio-127.0.", new Usage(130, 70, 40, 2)),
                2L, new Task("http-nio-127.0.", new Usage(11, 5, 3, 0)),
                // Started after the first snapshot: all of its time is in the window.
                5L, new Task("ingest-writer-0", new Usage(7, 3, 9, 1)),
                // The id was reused by a new thread: it counts from zero too.
                4L, new Task("ingest-writer-1", new Usage(2, 1, 4, 0)));
        var names = Map.of(
                1L, "http-nio-127.0.0.1-1-exec-1",
                2L, "http-nio-127.0.0.1-1-Poller",
                5L, "ingest-writer-0",
                4L, "ingest-writer-1");

        var groups = AppThreads.byGroup(before, after, names);

        assertThat(groups)
                .containsExactly(
                        Map.entry("Tomcat request threads", new Usage(30, 20, 30, 1)),
                        Map.entry("ingest-writer", new Usage(9, 4, 13, 1)),
                        Map.entry("Tomcat poller", new Usage(1, 0, 2, 0)));
    }

    @Test
    void smallGroupsAreSummedAndEveryFigureIsPerCallback() {
        var groups = new java.util.LinkedHashMap<String, Usage>();
        groups.put("Tomcat request threads", new Usage(300, 200, 20_000, 1_000));
        groups.put("ingest-writer", new Usage(80, 20, 2_000, 0));
        groups.put("tiny", new Usage(1, 0, 10, 0));
        groups.put("tinier", new Usage(0, 1, 10, 0));

        var lines = AppThreads.lines(groups, 10_000);

        assertThat(lines).hasSize(4);
        // A tick is 10 ms: 300 ticks over 10 000 callbacks are 300 µs a callback.
        assertThat(lines.get(0)).startsWith("all threads").contains("381.0 µs user", "221.0 µs kernel", "2.20 +  0.10");
        assertThat(lines.get(1)).startsWith("Tomcat request threads").contains("300.0 µs user", "200.0 µs kernel");
        assertThat(lines.get(2)).startsWith("ingest-writer").contains(" 80.0 µs user", "0.20 +  0.00");
        assertThat(lines.get(3)).startsWith("the others").contains("  1.0 µs user", "  1.0 µs kernel", "0.00 +  0.00");
        // The table's JIT column: user and kernel time together.
        assertThat(groups.get("ingest-writer").microsPer(10_000)).isEqualTo(100.0);
        assertThat(Usage.NONE.microsPer(0)).isZero();
    }
}
