package com.mobilemarketing.export;

import static com.mobilemarketing.db.Tables.EXPORT_JOB;
import static com.mobilemarketing.db.Tables.STORED_FILE;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;

import com.mobilemarketing.db.enums.ExportState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * Export jobs (queue, claims, heartbeats, publishing, recovery). The rows a job writes are read by
 * {@link MessageExportRepository}, folders are in {@link FolderRepository}, the files as the Files
 * page and the download see them in {@link StoredFileRepository}. Every query names its account.
 */
@Repository
public class ExportRepository {

    private final DSLContext db;

    public ExportRepository(DSLContext db) {
        this.db = db;
    }

    // ------------------------------------------------------------------ records

    /** A job that this node claimed and now runs. */
    public record ClaimedJob(
            long accountId,
            long id,
            long ownerId,
            long folderId,
            String fileName,
            ExportFormat format,
            boolean privateFile,
            ExportParams params,
            int attempts) {}

    public record JobStatus(
            long accountId,
            long id,
            ExportState state,
            long rowsDone,
            @Nullable Long rowsTotal,
            int attempts,
            @Nullable String error) {}

    /** A new job as the dialog asks for it. */
    public record JobDraft(
            long accountId,
            long ownerId,
            long folderId,
            String fileName,
            ExportFormat format,
            boolean privateFile,
            ExportParams params) {}

    public record JobKey(long accountId, long id) {}

    // ------------------------------------------------------------------ jobs

    public long insertJob(JobDraft draft, OffsetDateTime now) {
        return db.insertInto(EXPORT_JOB)
                .set(EXPORT_JOB.ACCOUNT_ID, draft.accountId())
                .set(EXPORT_JOB.OWNER_ID, draft.ownerId())
                .set(EXPORT_JOB.FOLDER_ID, draft.folderId())
                .set(EXPORT_JOB.FILE_NAME, draft.fileName())
                .set(EXPORT_JOB.FORMAT, draft.format().name())
                .set(EXPORT_JOB.PRIVATE_FILE, draft.privateFile())
                .set(EXPORT_JOB.PARAMS, JSONB.valueOf(draft.params().toJson()))
                .set(EXPORT_JOB.CREATED_AT, now)
                .returning(EXPORT_JOB.ID)
                .fetchSingle(EXPORT_JOB.ID);
    }

    /**
     * Claims the oldest queued job of any account for {@code node}. SKIP LOCKED lets several nodes
     * (and threads) claim at once without waiting for or taking each other's job. Run with the
     * tenant scope of all accounts: the queue is shared.
     */
    public Optional<ClaimedJob> claimNext(String node, OffsetDateTime now) {
        return db.transactionResult(trx -> {
            var tx = trx.dsl();
            var next = tx.select(EXPORT_JOB.ACCOUNT_ID, EXPORT_JOB.ID)
                    .from(EXPORT_JOB)
                    .where(EXPORT_JOB.STATE.eq(ExportState.QUEUED))
                    .orderBy(EXPORT_JOB.CREATED_AT, EXPORT_JOB.ID)
                    .limit(1)
                    .forUpdate()
                    .skipLocked()
                    .fetchOptional();
            if (next.isEmpty()) {
                return Optional.<ClaimedJob>empty();
            }
            return tx.update(EXPORT_JOB)
                    .set(EXPORT_JOB.STATE, ExportState.RUNNING)
                    .set(EXPORT_JOB.CLAIMED_BY, node)
                    .set(EXPORT_JOB.ATTEMPTS, EXPORT_JOB.ATTEMPTS.plus(1))
                    .set(EXPORT_JOB.STARTED_AT, now)
                    .set(EXPORT_JOB.HEARTBEAT_AT, currentOffsetDateTime())
                    .set(EXPORT_JOB.ROWS_DONE, 0L)
                    .set(EXPORT_JOB.ERROR, (String) null)
                    .where(
                            EXPORT_JOB.ACCOUNT_ID.eq(next.get().value1()),
                            EXPORT_JOB.ID.eq(next.get().value2()))
                    .returning(
                            EXPORT_JOB.ACCOUNT_ID,
                            EXPORT_JOB.ID,
                            EXPORT_JOB.OWNER_ID,
                            EXPORT_JOB.FOLDER_ID,
                            EXPORT_JOB.FILE_NAME,
                            EXPORT_JOB.FORMAT,
                            EXPORT_JOB.PRIVATE_FILE,
                            EXPORT_JOB.PARAMS,
                            EXPORT_JOB.ATTEMPTS)
                    .fetchOptional(r -> new ClaimedJob(
                            r.get(EXPORT_JOB.ACCOUNT_ID),
                            r.get(EXPORT_JOB.ID),
                            r.get(EXPORT_JOB.OWNER_ID),
                            r.get(EXPORT_JOB.FOLDER_ID),
                            r.get(EXPORT_JOB.FILE_NAME),
                            ExportFormat.valueOf(r.get(EXPORT_JOB.FORMAT)),
                            r.get(EXPORT_JOB.PRIVATE_FILE),
                            ExportParams.fromJson(r.get(EXPORT_JOB.PARAMS).data()),
                            r.get(EXPORT_JOB.ATTEMPTS)));
        });
    }

    public void setRowsTotal(ClaimedJob job, String node, long total) {
        db.update(EXPORT_JOB)
                .set(EXPORT_JOB.ROWS_TOTAL, total)
                .where(ownedRunning(job.accountId(), job.id(), node))
                .execute();
    }

    /** Records progress and that the node is alive; false when the job is no longer ours. */
    public boolean heartbeat(JobKey job, String node, long rowsDone) {
        return db.update(EXPORT_JOB)
                        .set(EXPORT_JOB.ROWS_DONE, rowsDone)
                        .set(EXPORT_JOB.HEARTBEAT_AT, currentOffsetDateTime())
                        .where(ownedRunning(job.accountId(), job.id(), node))
                        .execute()
                == 1;
    }

    /**
     * Publishes a finished file: the job becomes DONE and the stored_file row appears in one
     * transaction. False (nothing changed) when the job is no longer this node's to finish, e.g.
     * it was deleted or taken over after a missed heartbeat.
     */
    public boolean publish(
            ClaimedJob job, String node, String storageKey, long sizeBytes, long rows, OffsetDateTime now) {
        return db.transactionResult(trx -> {
            var tx = trx.dsl();
            var updated = tx.update(EXPORT_JOB)
                    .set(EXPORT_JOB.STATE, ExportState.DONE)
                    .set(EXPORT_JOB.ROWS_DONE, rows)
                    .set(EXPORT_JOB.ROWS_TOTAL, rows)
                    .set(EXPORT_JOB.FINISHED_AT, now)
                    .where(ownedRunning(job.accountId(), job.id(), node))
                    .execute();
            if (updated != 1) {
                return false;
            }
            tx.insertInto(STORED_FILE)
                    .set(STORED_FILE.ACCOUNT_ID, job.accountId())
                    .set(STORED_FILE.FOLDER_ID, job.folderId())
                    .set(STORED_FILE.OWNER_ID, job.ownerId())
                    .set(STORED_FILE.EXPORT_JOB_ID, job.id())
                    .set(STORED_FILE.NAME, job.fileName())
                    .set(STORED_FILE.STORAGE_KEY, storageKey)
                    .set(STORED_FILE.CONTENT_TYPE, job.format().contentType())
                    .set(STORED_FILE.SIZE_BYTES, sizeBytes)
                    .set(STORED_FILE.ROW_COUNT, rows)
                    .set(STORED_FILE.PRIVATE_FILE, job.privateFile())
                    .set(STORED_FILE.CREATED_AT, now)
                    .execute();
            return true;
        });
    }

    public boolean fail(ClaimedJob job, String node, String error, OffsetDateTime now) {
        return db.update(EXPORT_JOB)
                        .set(EXPORT_JOB.STATE, ExportState.FAILED)
                        .set(EXPORT_JOB.ERROR, error)
                        .set(EXPORT_JOB.FINISHED_AT, now)
                        .where(ownedRunning(job.accountId(), job.id(), node))
                        .execute()
                == 1;
    }

    /** Gives the jobs of a node that stops back to the queue, so another node (or the next start) runs them. */
    public int release(String node) {
        return db.update(EXPORT_JOB)
                .set(EXPORT_JOB.STATE, ExportState.QUEUED)
                .set(EXPORT_JOB.CLAIMED_BY, (String) null)
                .set(EXPORT_JOB.ROWS_DONE, 0L)
                .where(EXPORT_JOB.STATE.eq(ExportState.RUNNING), EXPORT_JOB.CLAIMED_BY.eq(node))
                .execute();
    }

    /** A job that was found abandoned by a dead node, and whether it was queued again or failed. */
    public record RecoveredJob(long accountId, long id, long ownerId, String fileName, boolean retried) {}

    /**
     * Jobs RUNNING on another node whose heartbeat is older than {@code staleSeconds}: their node
     * died. Retried while attempts are below {@code maxAttempts}, failed with a reason after.
     * Database time is used for heartbeats, so the clocks of the nodes don't matter.
     */
    public List<RecoveredJob> recoverStale(
            String node, int staleSeconds, int maxAttempts, String reason, OffsetDateTime now) {
        return db.transactionResult(trx -> {
            var tx = trx.dsl();
            var stale = tx.select(
                            EXPORT_JOB.ACCOUNT_ID,
                            EXPORT_JOB.ID,
                            EXPORT_JOB.OWNER_ID,
                            EXPORT_JOB.FILE_NAME,
                            EXPORT_JOB.ATTEMPTS)
                    .from(EXPORT_JOB)
                    .where(
                            EXPORT_JOB.STATE.eq(ExportState.RUNNING),
                            EXPORT_JOB.CLAIMED_BY.isDistinctFrom(node),
                            EXPORT_JOB
                                    .HEARTBEAT_AT
                                    .isNull()
                                    .or(EXPORT_JOB.HEARTBEAT_AT.lt(currentOffsetDateTime()
                                            .minus(DSL.field(
                                                    "make_interval(secs => {0})",
                                                    SQLDataType.OTHER, inline(staleSeconds))))))
                    .forUpdate()
                    .skipLocked()
                    .fetch();
            return stale.stream()
                    .map(r -> {
                        var retried = r.value5() < maxAttempts;
                        var condition = EXPORT_JOB.ACCOUNT_ID.eq(r.value1()).and(EXPORT_JOB.ID.eq(r.value2()));
                        if (retried) {
                            tx.update(EXPORT_JOB)
                                    .set(EXPORT_JOB.STATE, ExportState.QUEUED)
                                    .set(EXPORT_JOB.CLAIMED_BY, (String) null)
                                    .set(EXPORT_JOB.ROWS_DONE, 0L)
                                    .set(EXPORT_JOB.HEARTBEAT_AT, (OffsetDateTime) null)
                                    .where(condition)
                                    .execute();
                        } else {
                            tx.update(EXPORT_JOB)
                                    .set(EXPORT_JOB.STATE, ExportState.FAILED)
                                    .set(EXPORT_JOB.ERROR, reason)
                                    .set(EXPORT_JOB.FINISHED_AT, now)
                                    .where(condition)
                                    .execute();
                        }
                        return new RecoveredJob(r.value1(), r.value2(), r.value3(), r.value4(), retried);
                    })
                    .toList();
        });
    }

    /** Jobs that are RUNNING on any node: their temporary files must be left alone. */
    public List<JobKey> runningJobs() {
        return db.select(EXPORT_JOB.ACCOUNT_ID, EXPORT_JOB.ID)
                .from(EXPORT_JOB)
                .where(EXPORT_JOB.STATE.eq(ExportState.RUNNING))
                .fetch(Records.mapping(JobKey::new));
    }

    public Optional<JobStatus> jobStatus(long accountId, long jobId) {
        return db.select(
                        EXPORT_JOB.ACCOUNT_ID,
                        EXPORT_JOB.ID,
                        EXPORT_JOB.STATE,
                        EXPORT_JOB.ROWS_DONE,
                        EXPORT_JOB.ROWS_TOTAL,
                        EXPORT_JOB.ATTEMPTS,
                        EXPORT_JOB.ERROR)
                .from(EXPORT_JOB)
                .where(EXPORT_JOB.ACCOUNT_ID.eq(accountId), EXPORT_JOB.ID.eq(jobId))
                .fetchOptional(Records.mapping(JobStatus::new));
    }

    /** Deletes an own job that has not produced a file (queued, running or failed). */
    public boolean deleteOwnJob(long accountId, long userId, long jobId) {
        return db.deleteFrom(EXPORT_JOB)
                        .where(
                                EXPORT_JOB.ACCOUNT_ID.eq(accountId),
                                EXPORT_JOB.ID.eq(jobId),
                                EXPORT_JOB.OWNER_ID.eq(userId),
                                EXPORT_JOB.STATE.ne(ExportState.DONE))
                        .execute()
                == 1;
    }

    private static Condition ownedRunning(long accountId, long jobId, String node) {
        return EXPORT_JOB
                .ACCOUNT_ID
                .eq(accountId)
                .and(EXPORT_JOB.ID.eq(jobId))
                .and(EXPORT_JOB.STATE.eq(ExportState.RUNNING))
                .and(EXPORT_JOB.CLAIMED_BY.eq(node));
    }

    /** Jobs per state and the age of the oldest queued one, for health and metrics (all accounts). */
    public QueueSummary queueSummary() {
        var counts = new java.util.EnumMap<ExportState, Long>(ExportState.class);
        for (var state : ExportState.values()) {
            counts.put(state, 0L);
        }
        double oldestQueued = 0;
        for (var r : db.select(
                        EXPORT_JOB.STATE,
                        DSL.count(),
                        DSL.field("extract(epoch from now() - min({0}))", Double.class, EXPORT_JOB.CREATED_AT))
                .from(EXPORT_JOB)
                .groupBy(EXPORT_JOB.STATE)
                .fetch()) {
            counts.put(r.value1(), r.value2().longValue());
            if (r.value1() == ExportState.QUEUED && r.value3() != null) {
                oldestQueued = r.value3();
            }
        }
        return new QueueSummary(Map.copyOf(counts), oldestQueued);
    }

    /** Export jobs per state, and how long the oldest queued job has waited in seconds (0 if none). */
    public record QueueSummary(Map<ExportState, Long> jobs, double oldestQueuedSeconds) {}
}
