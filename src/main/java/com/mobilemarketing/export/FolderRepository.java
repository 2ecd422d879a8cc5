package com.mobilemarketing.export;

import static com.mobilemarketing.db.Tables.EXPORT_JOB;
import static com.mobilemarketing.db.Tables.FOLDER;
import static com.mobilemarketing.db.Tables.STORED_FILE;

import com.mobilemarketing.db.enums.ExportState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.springframework.stereotype.Repository;

/** The export folders of an account: listed, created, renamed, and deleted only when empty. */
@Repository
public class FolderRepository {

    private final DSLContext db;

    public FolderRepository(DSLContext db) {
        this.db = db;
    }

    public record Folder(long id, String name, long createdBy) {}

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
}
