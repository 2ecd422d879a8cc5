package com.mobilemarketing.export;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.db.enums.MessageType;
import com.mobilemarketing.export.ExportRepository.JobDraft;
import com.mobilemarketing.export.FolderRepository.Folder;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * What a marketer does with exports, folders and files, with the checks that belong to it: names
 * are validated, folders and files are the account's, files change only by their owner, and the
 * bytes of a deleted file are removed after its row. Refusals are {@link ExportException}s whose
 * key the UI shows.
 */
@Service
public class ExportService {

    public static final int MAX_NAME_LENGTH = 120;
    /** Dates of a custom range can't reach further back than this, nor into the future. */
    public static final int MAX_YEARS_BACK = 10;

    private final ExportRepository repository;
    private final FolderRepository folders;
    private final StoredFileRepository files;
    private final ExportStorage storage;
    private final ExportWorker worker;
    private final Clock clock;

    public ExportService(
            ExportRepository repository,
            FolderRepository folders,
            StoredFileRepository files,
            ExportStorage storage,
            ExportWorker worker,
            Clock clock) {
        this.repository = repository;
        this.folders = folders;
        this.files = files;
        this.storage = storage;
        this.worker = worker;
        this.clock = clock;
    }

    /** What the dialog asks for; {@code type} null is every type, {@code preset} null a custom range. */
    public record ExportRequest(
            long folderId,
            @Nullable MessageType type,
            DateRange range,
            boolean privateFile,
            ExportFormat format,
            List<MessageColumn> columns,
            Locale locale) {}

    /** Today in the account's time zone, the anchor of the range presets. */
    public LocalDate today(AppUser user) {
        return LocalDate.now(clock.withZone(user.timeZone()));
    }

    public DateRange range(AppUser user, RangePreset preset) {
        return preset.range(today(user));
    }

    /**
     * The columns of the export: every column, or the columns the message list shows for that type
     * ({@code listColumns}, which the list passes to the dialog). "All types" has no tab of its own,
     * so the type column is added there to tell the rows apart.
     */
    public static List<MessageColumn> columns(
            @Nullable MessageType type, boolean all, List<MessageColumn> listColumns) {
        if (all) {
            return MessageColumn.ALL;
        }
        if (type == null && !listColumns.contains(MessageColumn.TYPE)) {
            var withType = new ArrayList<>(listColumns);
            withType.add(MessageColumn.TYPE);
            return List.copyOf(withType);
        }
        return List.copyOf(listColumns);
    }

    public List<Folder> folders(AppUser user) {
        return folders.folders(user.requireAccountId());
    }

    public Folder createFolder(AppUser user, String name) {
        var clean = validName(name);
        var accountId = user.requireAccountId();
        if (folders.folderNameTaken(accountId, clean)) {
            throw new ExportException("export.error.folder-exists");
        }
        try {
            var id = folders.createFolder(accountId, user.id(), clean, OffsetDateTime.now(clock));
            return new Folder(id, clean, user.id());
        } catch (DuplicateKeyException e) {
            throw new ExportException("export.error.folder-exists");
        }
    }

    public void renameFolder(AppUser user, long folderId, String name) {
        var clean = validName(name);
        var accountId = user.requireAccountId();
        var folder = folders.findFolder(accountId, folderId)
                .orElseThrow(() -> new ExportException("export.error.not-found"));
        if (folder.name().equals(clean)) {
            return;
        }
        if (folders.folderNameTaken(accountId, clean)) {
            throw new ExportException("export.error.folder-exists");
        }
        try {
            folders.renameFolder(accountId, folderId, clean);
        } catch (DuplicateKeyException e) {
            throw new ExportException("export.error.folder-exists");
        }
    }

    /** Only an empty folder goes: it may hold other users' private files that this user can't see. */
    public void deleteFolder(AppUser user, long folderId) {
        var accountId = user.requireAccountId();
        folders.findFolder(accountId, folderId).orElseThrow(() -> new ExportException("export.error.not-found"));
        if (!folders.deleteEmptyFolder(accountId, folderId)) {
            throw new ExportException("export.error.folder-not-empty");
        }
    }

    /** Queues an export and wakes the worker; returns the job's id. */
    public long startExport(AppUser user, ExportRequest request, String fileName) {
        var accountId = user.requireAccountId();
        folders.findFolder(accountId, request.folderId())
                .orElseThrow(() -> new ExportException("export.error.folder-required"));
        var today = today(user);
        var range = request.range();
        if (range.last().isAfter(today) || range.first().isBefore(today.minusYears(MAX_YEARS_BACK))) {
            throw new ExportException("export.error.range");
        }
        if (request.columns().isEmpty()) {
            throw new ExportException("export.error.columns");
        }
        var params = ExportParams.of(request.type(), range, request.columns(), request.locale());
        var id = repository.insertJob(
                new JobDraft(
                        accountId,
                        user.id(),
                        request.folderId(),
                        fileName,
                        request.format(),
                        request.privateFile(),
                        params),
                OffsetDateTime.now(clock));
        worker.jobQueued();
        return id;
    }

    public void renameFile(AppUser user, long fileId, String name) {
        var clean = validName(name);
        if (!files.renameOwnFile(user.requireAccountId(), user.id(), fileId, clean)) {
            throw new ExportException("export.error.not-found");
        }
    }

    public void deleteFile(AppUser user, long fileId) {
        var key = files.deleteOwnFile(user.requireAccountId(), user.id(), fileId)
                .orElseThrow(() -> new ExportException("export.error.not-found"));
        storage.delete(key);
    }

    /** Removes an own job that has no file: a queued or running one is cancelled, a failed one dismissed. */
    public void deleteJob(AppUser user, long jobId) {
        if (!repository.deleteOwnJob(user.requireAccountId(), user.id(), jobId)) {
            throw new ExportException("export.error.not-found");
        }
        storage.deleteTempFiles(user.requireAccountId(), jobId);
    }

    static String validName(@Nullable String name) {
        var clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            throw new ExportException("export.error.name-required");
        }
        if (clean.length() > MAX_NAME_LENGTH
                || clean.chars().anyMatch(Character::isISOControl)
                || clean.contains("/")
                || clean.contains("\\")) {
            throw new ExportException("export.error.name-invalid");
        }
        return clean;
    }
}
