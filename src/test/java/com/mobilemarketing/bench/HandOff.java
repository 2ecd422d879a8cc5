package com.mobilemarketing.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A fixed piece of JVM work for the benchmarks' measure of the machine: one thread hands a request
 * to another, which signs 300 bytes with HMAC-SHA256 and hands back (a callback's trip from the
 * listener to the writer and back, with none of the app's code). Done back to back and after a
 * pause, its CPU tells how dear a wake-up is on the machine at the time ({@link WakeUpCostBenchmark};
 * the load benchmark prints it before each rate).
 */
public final class HandOff {

    private HandOff() {}

    /** The work's CPU back to back and after a pause of 10 ms, in µs. */
    public record Cost(double backToBack, double afterPause) {}

    /** The work's cost on the machine now: 1 000 times back to back, 200 times after 10 ms (2 s). */
    public static Cost now() throws InterruptedException {
        cpuMicros(200, 0); // compiled first
        return new Cost(cpuMicros(1_000, 0), cpuMicros(200, 10));
    }

    /** Both threads' µs of CPU per hand-off and back, each after {@code pauseMs}. */
    public static double cpuMicros(int times, long pauseMs) throws InterruptedException {
        var threads = ManagementFactory.getThreadMXBean();
        var body = "x".repeat(300).getBytes(StandardCharsets.UTF_8);
        var work = new Object() {
            volatile int asked;
            volatile int done;
        };
        var caller = Thread.currentThread();
        var worker = Thread.ofPlatform().daemon(true).start(() -> {
            try {
                var mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                for (int seen = 0; seen < times; ) {
                    if (work.asked == seen) {
                        LockSupport.park();
                        continue;
                    }
                    mac.doFinal(body);
                    work.done = ++seen;
                    LockSupport.unpark(caller);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        var workerBefore = threads.getThreadCpuTime(worker.threadId());
        var callerBefore = threads.getCurrentThreadCpuTime();
        for (int i = 1; i <= times; i++) {
            pause(pauseMs);
            work.asked = i;
            LockSupport.unpark(worker);
            while (work.done < i) {
                LockSupport.park();
            }
        }
        var workerCpu = threads.getThreadCpuTime(worker.threadId()) - workerBefore;
        var callerCpu = threads.getCurrentThreadCpuTime() - callerBefore;
        worker.join();
        return (workerCpu + callerCpu) / 1e3 / times;
    }

    /** Sleeps: not a spin, so the thread leaves the CPU as a writer waiting for the next batch does. */
    static void pause(long ms) {
        if (ms > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ms));
        }
    }
}
