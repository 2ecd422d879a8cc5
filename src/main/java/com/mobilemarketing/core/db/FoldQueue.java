package com.mobilemarketing.core.db;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fold's queue of fresh delivery events: the SQL condition the queries that read it share (the
 * fold itself, the backlog for health and metrics, the backlog alert and the load benchmark), and its
 * repair after the database was copied into another cluster. (The SQL function {@code fold_waiting}
 * of V200 says the same for ad-hoc reads; a function with a subquery is not inlined, so the queries
 * on the hot path spell the condition out, from here.)
 */
public final class FoldQueue {

    /**
     * Fresh events not folded yet (those of transactions still running are not visible). A query
     * reads them in the order of {@code delivery_event_fold_order}, {@code order by written_by, id}:
     * the planner cannot estimate a comparison with the watermark, so without the order it may read
     * the whole log.
     */
    public static final String PAST_WATERMARK =
            "written_by is not null and (written_by, id) > (select w.written_by, w.event_id from fold_watermark w)";

    private static final Logger log = LoggerFactory.getLogger(FoldQueue.class);

    private FoldQueue() {}

    /**
     * Puts the queue in the terms of this cluster's transaction ids if the log was written by another
     * cluster ({@code fold_rebase()}, V202): run after migrating, before anything is served. Returns
     * the events that were waiting, or -1 if the log is this cluster's and nothing was done.
     */
    public static long rebaseAfterACopy(DataSource dataSource) {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            var started = System.nanoTime();
            var result = statement.executeQuery("call fold_rebase()");
            result.next();
            long waiting = result.getLong(1);
            if (result.wasNull()) {
                return -1;
            }
            log.warn(
                    "The event log was written by another PostgreSQL cluster (a copy or a restore): the fold's"
                            + " queue was put in this cluster's transaction ids in {} ms, {} events still to fold",
                    (System.nanoTime() - started) / 1_000_000,
                    waiting);
            return waiting;
        } catch (SQLException e) {
            throw new IllegalStateException("fold_rebase: " + e.getMessage(), e);
        }
    }
}
