package com.mobilemarketing.ingest;

import com.mobilemarketing.core.db.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Makes accepted callbacks durable with few commits: request threads hand their events to a
 * writer thread that inserts everything waiting in one statement and one transaction, then answers
 * every waiting request at once (one INSERT in autocommit: atomic, and durable when it returns). A request gets its 2xx only after that commit (group commit);
 * if the database fails or is too slow the request gets a 5xx and the provider retries.
 */
@Component
public class EventWriter implements SmartLifecycle {

    /** The write did not commit (database error, overload, shutdown): answer 503 so the provider retries. */
    public static class NotStoredException extends RuntimeException {
        NotStoredException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);

    private record Pending(List<StatusEvent> events, CompletableFuture<Void> done) {}

    /** Put into the queue once per writer at stop: the writers block on the queue and never poll it. */
    private static final Pending STOP = new Pending(List.of(), new CompletableFuture<>());

    private final IngestRepository repository;
    private final EventFolder folder;
    private final int threads;
    private final int maxBatch;
    private final long timeoutMillis;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    public EventWriter(IngestRepository repository, EventFolder folder, IngestProperties properties) {
        this.repository = repository;
        this.folder = folder;
        this.threads = properties.writerThreads();
        this.maxBatch = properties.writerBatch();
        this.timeoutMillis = properties.writerTimeoutMs();
        this.queue = new ArrayBlockingQueue<>(properties.writerQueue());
    }

    /** Stores the events durably (duplicates dropped by the unique key) before returning. */
    public void store(List<StatusEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        var pending = new Pending(List.copyOf(events), new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            throw new NotStoredException("not accepting callbacks right now", null);
        }
        try {
            pending.done().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotStoredException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            // A timed-out write may still commit later; the provider's retry is then a dropped duplicate.
            throw new NotStoredException("not stored", e);
        }
    }

    private void writeLoop() {
        var batch = new ArrayList<Pending>();
        boolean stopping = false;
        while (!stopping) {
            try {
                var first = queue.take();
                if (first == STOP) {
                    break;
                }
                batch.add(first);
                int rows = first.events().size();
                Pending next;
                while (rows < maxBatch && (next = queue.poll()) != null) {
                    if (next == STOP) {
                        stopping = true; // after writing what was taken
                        break;
                    }
                    batch.add(next);
                    rows += next.events().size();
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        for (Pending left; (left = queue.poll()) != null; ) {
            left.done().completeExceptionally(new IllegalStateException("shutting down"));
        }
    }

    private void write(List<Pending> batch) {
        var all = new ArrayList<StatusEvent>();
        batch.forEach(p -> all.addAll(p.events()));
        try {
            Tenant.allAccounts(() -> repository.insertEvents(all));
            batch.forEach(p -> p.done().complete(null));
            folder.eventsWritten();
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                log.warn("Could not store {} callback events", all.size(), e);
                batch.getFirst().done().completeExceptionally(e);
                return;
            }
            // One bad request must not fail the others: retry them one by one.
            for (var p : batch) {
                try {
                    Tenant.allAccounts(() -> repository.insertEvents(p.events()));
                    p.done().complete(null);
                    folder.eventsWritten();
                } catch (RuntimeException single) {
                    log.warn("Could not store callback events", single);
                    p.done().completeExceptionally(single);
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < threads; i++) {
            var thread =
                    Thread.ofPlatform().name("ingest-writer-" + i).daemon(true).unstarted(this::writeLoop);
            writers.add(thread);
            thread.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        // Behind everything queued so far (store() refuses new work now): each writer takes one.
        for (int i = 0; i < writers.size(); i++) {
            try {
                queue.put(STOP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (var thread : writers) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server (phase below its MAX_VALUE - 1024), so no request is cut off. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }
}
