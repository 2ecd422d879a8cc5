package com.mobilemarketing.export;

import static com.mobilemarketing.db.Tables.APP_USER;
import static com.mobilemarketing.db.Tables.EXPORT_JOB;
import static com.mobilemarketing.db.Tables.FOLDER;
import static com.mobilemarketing.db.Tables.MESSAGE;
import static com.mobilemarketing.db.Tables.MESSAGE_STATS;
import static com.mobilemarketing.db.Tables.SMS_GATEWAY;
import static com.mobilemarketing.db.Tables.STORED_FILE;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;

import com.mobilemarketing.db.enums.ExportState;
import com.mobilemarketing.db.enums.MessageType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Records;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * All SQL of the export feature: folders, export jobs (queue, claims, heartbeats, publishing),
 * stored files as the Files page and the download see them, and the streamed message rows.
 * Every query names its account; the visibility of a file (shared, or private to its owner) is
 * decided here, in the query, never by the caller.
 */
@Repository
public class ExportRepository {

    /** Rows fetched per round trip from the server-side cursor. */
    private static final int FETCH_SIZE = 5_000;

    private final DSLContext db;

    public ExportRepository(DSLContext db) {
        this.db = db;
    }

    // ------------------------------------------------------------------ records

    public record Folder(long id, String name, long createdBy) {}

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

    public enum EntryKind {
        FILE,
        JOB
    }

    /** A row of the Files page: a published file, or a job that is queued, running or failed. */
    public record FileEntry(
            EntryKind kind,
            long id,
            String name,
            String owner,
            long ownerId,
            OffsetDateTime created,
            @Nullable Long sizeBytes,
            @Nullable Long rows,
            @Nullable Long rowsTotal,
            boolean privateFile,
            ExportState state,
            @Nullable String error) {}

    /** Whose view of which folder. */
    public record FileFilter(long accountId, long userId, long folderId) {}

    public record DownloadableFile(long id, String name, String storageKey, String contentType, long sizeBytes) {}

    public record JobKey(long accountId, long id) {}

    // ------------------------------------------------------------------ folders

    public List<Folder> folders(long accountId) {
        return db.select(FOLDER.ID, FOLDER.NAME, FOLDER.CREATED_BY)
                .from(FOLDER)
                .where(FOLDER.ACCOUNT_ID.eq(accountId))
                .orderBy(FOLDER.NAME, FOLDER.ID)
                .fetch(Records.mapping(Folder::new));
    }

    public Optional<Folder> findFolder(long accountId, long folderId) {
        return db.select(FOLDER.ID, FOLDER.NAME, FOLDER.CREATED_BY)
                .from(FOLDER)
                .where(FOLDER.ACCOUNT_ID.eq(accountId), FOLDER.ID.eq(folderId))
                .fetchOptional(Records.mapping(Folder::new));
    }

    public boolean folderNameTaken(long accountId, String name) {
        return db.fetchExists(FOLDER, FOLDER.ACCOUNT_ID.eq(accountId), FOLDER.NAME.eq(name));
    }

    public long createFolder(long accountId, long userId, String name, OffsetDateTime now) {
        return db.insertInto(FOLDER, FOLDER.ACCOUNT_ID, FOLDER.NAME, FOLDER.CREATED_BY, FOLDER.CREATED_AT)
                .values(accountId, name, userId, now)
                .returning(FOLDER.ID)
                .fetchSingle(FOLDER.ID);
    }

    public boolean renameFolder(long accountId, long folderId, String name) {
        return db.update(FOLDER)
                        .set(FOLDER.NAME, name)
                        .where(FOLDER.ACCOUNT_ID.eq(accountId), FOLDER.ID.eq(folderId))
                        .execute()
                == 1;
    }

    /** Files and unfinished jobs of every owner (also private ones) in a folder. */
    public int folderEntries(long accountId, long folderId) {
        return db.fetchCount(STORED_FILE, STORED_FILE.ACCOUNT_ID.eq(accountId), STORED_FILE.FOLDER_ID.eq(folderId))
                + db.fetchCount(
                        EXPORT_JOB,
                        EXPORT_JOB.ACCOUNT_ID.eq(accountId),
                        EXPORT_JOB.FOLDER_ID.eq(folderId),
                        EXPORT_JOB.STATE.ne(ExportState.DONE));
    }

    /** Deletes an empty folder (with the records of its finished jobs); false when it holds anything. */
    public boolean deleteEmptyFolder(long accountId, long folderId) {
        return db.transactionResult(trx -> {
            var tx = trx.dsl();
            var locked = tx.selectOne()
                    .from(FOLDER)
                    .where(FOLDER.ACCOUNT_ID.eq(accountId), FOLDER.ID.eq(folderId))
                    .forUpdate()
                    .fetchOptional();
            if (locked.isEmpty()) {
                return false;
            }
            var files = tx.fetchCount(
                    STORED_FILE, STORED_FILE.ACCOUNT_ID.eq(accountId), STORED_FILE.FOLDER_ID.eq(folderId));
            var jobs = tx.fetchCount(
                    EXPORT_JOB,
                    EXPORT_JOB.ACCOUNT_ID.eq(accountId),
                    EXPORT_JOB.FOLDER_ID.eq(folderId),
                    EXPORT_JOB.STATE.ne(ExportState.DONE));
            if (files + jobs > 0) {
                return false;
            }
            return tx.deleteFrom(FOLDER)
                            .where(FOLDER.ACCOUNT_ID.eq(accountId), FOLDER.ID.eq(folderId))
                            .execute()
                    == 1;
        });
    }

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

    // ------------------------------------------------------------------ messages to export

    /** The messages of the range: sent in it, or (not yet sent) scheduled in it. */
    private static Condition messagesOf(long accountId, @Nullable MessageType type, Instant from, Instant toExclusive) {
        var time = coalesce(MESSAGE.SENT_AT, MESSAGE.SCHEDULED_AT);
        return MESSAGE.ACCOUNT_ID
                .eq(accountId)
                .and(type == null ? noCondition() : MESSAGE.TYPE.eq(type))
                .and(time.ge(from.atOffset(ZoneOffset.UTC)))
                .and(time.lt(toExclusive.atOffset(ZoneOffset.UTC)));
    }

    public long countMessages(long accountId, @Nullable MessageType type, Instant from, Instant toExclusive) {
        return db.fetchCount(MESSAGE, messagesOf(accountId, type, from, toExclusive));
    }

    /**
     * Streams the messages of the range, newest first like the message list, from a server-side
     * cursor inside one read-only transaction: memory stays flat whatever the row count. Owner and
     * gateway names come from two small lookups made once (an account has a handful of users and
     * gateways), which spares the database two index probes per exported row.
     */
    public void streamMessages(
            long accountId,
            @Nullable MessageType type,
            Instant from,
            Instant toExclusive,
            Consumer<MessageExportRow> sink) {
        db.transaction(trx -> {
            var tx = trx.dsl();
            var owners = tx.select(APP_USER.ID, APP_USER.FULL_NAME)
                    .from(APP_USER)
                    .where(APP_USER.ACCOUNT_ID.eq(accountId))
                    .fetchMap(APP_USER.ID, APP_USER.FULL_NAME);
            var gateways = tx.select(SMS_GATEWAY.ID, SMS_GATEWAY.NAME, SMS_GATEWAY.SUPPORTS_CALLBACKS)
                    .from(SMS_GATEWAY)
                    .where(SMS_GATEWAY.ACCOUNT_ID.eq(accountId))
                    .fetchMap(SMS_GATEWAY.ID);
            try (var cursor = tx.select(
                            MESSAGE.ID,
                            MESSAGE.NAME,
                            MESSAGE.OWNER_ID,
                            coalesce(MESSAGE_STATS.SENT, 0L),
                            MESSAGE.SENT_AT,
                            coalesce(MESSAGE_STATS.DELIVERED, 0L),
                            coalesce(MESSAGE_STATS.OPENED, 0L),
                            coalesce(MESSAGE_STATS.FAILED, 0L),
                            MESSAGE.CHANNEL,
                            coalesce(MESSAGE_STATS.CLICKED, 0L),
                            MESSAGE.TYPE,
                            MESSAGE.GATEWAY_ID,
                            MESSAGE.SCHEDULED_AT,
                            MESSAGE.STATE)
                    .from(MESSAGE)
                    .leftJoin(MESSAGE_STATS)
                    .on(MESSAGE_STATS.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID), MESSAGE_STATS.MESSAGE_ID.eq(MESSAGE.ID))
                    .where(messagesOf(accountId, type, from, toExclusive))
                    .orderBy(coalesce(MESSAGE.SENT_AT, MESSAGE.SCHEDULED_AT).desc(), MESSAGE.ID.desc())
                    .fetchSize(FETCH_SIZE)
                    .fetchLazy()) {
                for (var r : cursor) {
                    var gateway = r.value12() == null ? null : gateways.get(r.value12());
                    sink.accept(new MessageExportRow(
                            r.value1(),
                            r.value2(),
                            owners.getOrDefault(r.value3(), ""),
                            r.value4(),
                            r.value5(),
                            r.value6(),
                            r.value7(),
                            r.value8(),
                            r.value9(),
                            r.value10(),
                            r.value11(),
                            gateway == null ? null : gateway.get(SMS_GATEWAY.NAME),
                            gateway == null ? null : gateway.get(SMS_GATEWAY.SUPPORTS_CALLBACKS),
                            r.value13(),
                            r.value14()));
                }
            }
        });
    }

    // ------------------------------------------------------------------ files

    /** Files a user may see: the account's shared files and the user's own private ones. */
    private static Condition visible(Field<Boolean> privateFile, Field<Long> owner, long userId) {
        return privateFile.isFalse().or(owner.eq(userId));
    }

    private org.jooq.Table<?> entries(FileFilter filter) {
        var files = select(
                        inline(EntryKind.FILE.name()).as("kind"),
                        STORED_FILE.ID.as("id"),
                        STORED_FILE.NAME.as("name"),
                        APP_USER.FULL_NAME.as("owner"),
                        STORED_FILE.OWNER_ID.as("owner_id"),
                        STORED_FILE.CREATED_AT.as("created"),
                        STORED_FILE.SIZE_BYTES.as("size_bytes"),
                        STORED_FILE.ROW_COUNT.as("row_count"),
                        castNull(SQLDataType.BIGINT).as("rows_total"),
                        STORED_FILE.PRIVATE_FILE.as("private_file"),
                        inline(ExportState.DONE.getLiteral()).as("state"),
                        castNull(SQLDataType.CLOB).as("error"))
                .from(STORED_FILE)
                .join(APP_USER)
                .on(APP_USER.ID.eq(STORED_FILE.OWNER_ID))
                .where(
                        STORED_FILE.ACCOUNT_ID.eq(filter.accountId()),
                        STORED_FILE.FOLDER_ID.eq(filter.folderId()),
                        visible(STORED_FILE.PRIVATE_FILE, STORED_FILE.OWNER_ID, filter.userId()));
        var jobs = select(
                        inline(EntryKind.JOB.name()),
                        EXPORT_JOB.ID,
                        EXPORT_JOB.FILE_NAME,
                        APP_USER.FULL_NAME,
                        EXPORT_JOB.OWNER_ID,
                        EXPORT_JOB.CREATED_AT,
                        castNull(SQLDataType.BIGINT),
                        EXPORT_JOB.ROWS_DONE,
                        EXPORT_JOB.ROWS_TOTAL,
                        EXPORT_JOB.PRIVATE_FILE,
                        EXPORT_JOB.STATE.cast(SQLDataType.CLOB),
                        EXPORT_JOB.ERROR)
                .from(EXPORT_JOB)
                .join(APP_USER)
                .on(APP_USER.ID.eq(EXPORT_JOB.OWNER_ID))
                .where(
                        EXPORT_JOB.ACCOUNT_ID.eq(filter.accountId()),
                        EXPORT_JOB.FOLDER_ID.eq(filter.folderId()),
                        EXPORT_JOB.STATE.ne(ExportState.DONE),
                        visible(EXPORT_JOB.PRIVATE_FILE, EXPORT_JOB.OWNER_ID, filter.userId()));
        return files.unionAll(jobs).asTable("entry");
    }

    /** Sort keys of the Files grid. */
    public static final List<String> SORT_KEYS = List.of("name", "owner", "created", "size", "rows");

    private static final Map<String, String> SORT_COLUMNS =
            Map.of("name", "name", "owner", "owner", "created", "created", "size", "size_bytes", "rows", "row_count");

    public record Sort(String key, boolean descending) {}

    public Stream<FileEntry> findEntries(FileFilter filter, int offset, int limit, List<Sort> sort) {
        var table = entries(filter);
        var order = new java.util.ArrayList<SortField<?>>();
        for (var s : sort) {
            var column = SORT_COLUMNS.get(s.key());
            if (column != null) {
                var field = table.field(column);
                order.add(
                        s.descending() ? field.desc().nullsLast() : field.asc().nullsFirst());
            }
        }
        if (order.isEmpty()) {
            order.add(table.field("created").desc());
        }
        order.add(table.field("kind").asc());
        order.add(table.field("id").desc());
        return db
                .selectFrom(table)
                .orderBy(order)
                .offset(offset)
                .limit(limit)
                .fetch(r -> new FileEntry(
                        EntryKind.valueOf(r.get("kind", String.class)),
                        r.get("id", Long.class),
                        r.get("name", String.class),
                        r.get("owner", String.class),
                        r.get("owner_id", Long.class),
                        r.get("created", OffsetDateTime.class),
                        r.get("size_bytes", Long.class),
                        r.get("row_count", Long.class),
                        r.get("rows_total", Long.class),
                        r.get("private_file", Boolean.class),
                        ExportState.valueOf(r.get("state", String.class)),
                        r.get("error", String.class)))
                .stream();
    }

    public int countEntries(FileFilter filter) {
        return db.fetchSingle(selectCount().from(entries(filter))).value1();
    }

    /** A file the user may download: shared in their account, or their own. */
    public Optional<DownloadableFile> findDownloadable(long accountId, long userId, long fileId) {
        return db.select(
                        STORED_FILE.ID,
                        STORED_FILE.NAME,
                        STORED_FILE.STORAGE_KEY,
                        STORED_FILE.CONTENT_TYPE,
                        STORED_FILE.SIZE_BYTES)
                .from(STORED_FILE)
                .where(
                        STORED_FILE.ACCOUNT_ID.eq(accountId),
                        STORED_FILE.ID.eq(fileId),
                        visible(STORED_FILE.PRIVATE_FILE, STORED_FILE.OWNER_ID, userId))
                .fetchOptional(Records.mapping(DownloadableFile::new));
    }

    public boolean renameOwnFile(long accountId, long userId, long fileId, String name) {
        return db.update(STORED_FILE)
                        .set(STORED_FILE.NAME, name)
                        .where(
                                STORED_FILE.ACCOUNT_ID.eq(accountId),
                                STORED_FILE.ID.eq(fileId),
                                STORED_FILE.OWNER_ID.eq(userId))
                        .execute()
                == 1;
    }

    /** Deletes an own file's row and returns its storage key, so the caller removes the bytes after commit. */
    public Optional<String> deleteOwnFile(long accountId, long userId, long fileId) {
        return db.deleteFrom(STORED_FILE)
                .where(STORED_FILE.ACCOUNT_ID.eq(accountId), STORED_FILE.ID.eq(fileId), STORED_FILE.OWNER_ID.eq(userId))
                .returning(STORED_FILE.STORAGE_KEY)
                .fetchOptional(STORED_FILE.STORAGE_KEY);
    }
}
