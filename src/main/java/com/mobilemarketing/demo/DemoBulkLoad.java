package com.mobilemarketing.demo;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * How a bulk generation writes fast: the tables it fills get their triggers switched off and their
 * secondary indexes dropped for the load (what the triggers keep is rebuilt afterwards), and the
 * work runs on every core.
 */
@Repository
public class DemoBulkLoad {

    /** Tables written in bulk: their triggers are switched off and their secondary indexes dropped. */
    private static final List<String> BULK_TABLES =
            List.of("contact", "contact_consent", "message_recipient", "click_event");

    /** Switches the bulk tables' triggers off, drops their secondary indexes and returns their definitions. */
    static List<String> suspendTriggersAndIndexes(DSLContext db) {
        var indexes = db.fetch("""
                select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i
                where i.indrelid = any (?::regclass[]) and not i.indisprimary
                  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
                """, (Object) BULK_TABLES.toArray(String[]::new));
        db.transaction(trx -> {
            for (var table : BULK_TABLES) {
                trx.dsl().execute("alter table " + table + " disable trigger user");
            }
            for (var index : indexes) {
                trx.dsl().execute("drop index " + index.get(0, String.class));
            }
        });
        return indexes.getValues(1, String.class);
    }

    /** Builds the dropped indexes again (in parallel) and switches the triggers back on. */
    static void restoreTriggersAndIndexes(DSLContext db, List<String> indexDefinitions) {
        try {
            runInParallel(indexDefinitions.stream()
                    .<Runnable>map(definition -> () -> db.execute(definition))
                    .toList());
        } finally {
            for (var table : BULK_TABLES) {
                db.execute("alter table " + table + " enable trigger user");
            }
        }
    }

    /** Runs the tasks on every core and waits for all; the first failure is rethrown. */
    static void runInParallel(List<Runnable> tasks) {
        var threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
        try (var pool = Executors.newFixedThreadPool(threads)) {
            var futures = tasks.stream().map(pool::submit).toList();
            for (var future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    pool.shutdownNow();
                    throw new IllegalStateException("Demo data generation interrupted", e);
                }
            }
        }
    }
}
