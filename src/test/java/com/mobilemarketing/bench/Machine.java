package com.mobilemarketing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the numbers were measured on, read from /proc where available. */
record Machine(String cpu, int cores, String memory, String jvm) {

    static Machine describe() {
        var cpu = "unknown CPU";
        var memory = "unknown";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(cpu);
        } catch (IOException | RuntimeException ignored) {
            // Not Linux: keep the placeholder.
        }
        try {
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .map(kb -> String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0))
                    .findFirst()
                    .orElse(memory);
        } catch (IOException | RuntimeException ignored) {
            // Not Linux: keep the placeholder.
        }
        return new Machine(
                cpu,
                Runtime.getRuntime().availableProcessors(),
                memory,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }
}
