package com.mobilemarketing.export;

import static com.mobilemarketing.db.Tables.APP_USER;
import static com.mobilemarketing.db.Tables.EXPORT_JOB;
import static com.mobilemarketing.db.Tables.STORED_FILE;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;

import com.mobilemarketing.db.enums.ExportState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Records;
import org.jooq.SortField;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * Stored files as the Files page and the download see them: a folder's files with the unfinished
 * jobs, paged and sorted; a file to download; renaming and deleting one's own. The visibility of a
 * file (shared, or private to its owner) is decided here, in the query, never by the caller.
 */
@Repository
public class StoredFileRepository {

    private final DSLContext db;

    public StoredFileRepository(DSLContext db) {
        this.db = db;
    }

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

    // ------------------------------------------------------------------ files

    /** Files a user may see: the account's shared files and the user's own private ones. */
    private static Condition visible(Field<Boolean> privateFile, Field<Long> owner, long userId) {
        return privateFile.isFalse().or(owner.eq(userId));
    }

    /** What the filter's user may see in its folder. */
    private static Condition visibleIn(
            FileFilter filter, Field<Long> account, Field<Long> folder, Field<Boolean> privateFile, Field<Long> owner) {
        return account.eq(filter.accountId())
                .and(folder.eq(filter.folderId()))
                .and(visible(privateFile, owner, filter.userId()));
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
                .where(visibleIn(
                        filter,
                        STORED_FILE.ACCOUNT_ID,
                        STORED_FILE.FOLDER_ID,
                        STORED_FILE.PRIVATE_FILE,
                        STORED_FILE.OWNER_ID));
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
                        visibleIn(
                                filter,
                                EXPORT_JOB.ACCOUNT_ID,
                                EXPORT_JOB.FOLDER_ID,
                                EXPORT_JOB.PRIVATE_FILE,
                                EXPORT_JOB.OWNER_ID),
                        EXPORT_JOB.STATE.ne(ExportState.DONE));
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
