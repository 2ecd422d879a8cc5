package com.mobilemarketing.core.db;

/**
 * The fold's queue of fresh delivery events: the SQL condition the queries that read it share (the
 * fold itself, the backlog for health and metrics, the backlog alert and the load benchmark). (The SQL function {@code fold_waiting}
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

    private FoldQueue() {}
}
