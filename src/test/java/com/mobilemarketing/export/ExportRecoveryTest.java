package com.mobilemarketing.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.db.enums.ExportState;
import com.mobilemarketing.db.enums.MessageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After a crash: a job left RUNNING by a dead process is retried (or failed after the last
 * attempt), its half-written file is removed and never published; a failing export ends FAILED
 * with a readable reason while the worker goes on with the next job.
 */
class ExportRecoveryTest extends ExportTestSupport {

    private Path blockedTemp;

    @AfterEach
    void unblockTempDir() throws Exception {
        if (blockedTemp != null && Files.isRegularFile(blockedTemp)) {
            Files.delete(blockedTemp);
        }
    }

    @Test
    void aJobLeftRunningByADeadProcessIsRetriedAndItsHalfWrittenFileRemoved() throws Exception {
        var folder = folder(FLORA, 1, "Recovery retry");
        var job = running(
                folder,
                "{\"type\":\"BULK\",\"from\":\"2026-10-01\",\"to\":\"2026-11-15\",\"columns\":[\"name\",\"sent\"],\"language\":\"pl\"}",
                1,
                "now() - interval '1 hour'");
        Files.createDirectories(storage.tempDir());
        var halfWritten = storage.tempDir().resolve(ExportStorage.tempPrefix(FLORA, job) + "1-dead.part");
        Files.writeString(halfWritten, "Nazwa,Wysł");
        var orphan = storage.tempDir().resolve(ExportStorage.tempPrefix(FLORA, 999_999) + "1-orphan.part");
        Files.writeString(orphan, "x");

        worker.recoverAtStartup();

        assertThat(halfWritten).doesNotExist();
        assertThat(orphan).doesNotExist();
        var status = awaitJob(FLORA, job);
        assertThat(status.state()).isEqualTo(ExportState.DONE);
        assertThat(status.attempts()).isEqualTo(2);
        var rows = readCsv(fileOfJob(FLORA, job));
        assertThat(rows.getFirst()).containsExactly("Nazwa wiadomości", "Wysłane");
        assertThat(rows)
                .hasSize(
                        1
                                + asAllAccounts(
                                        () -> queryValue(
                                                Integer.class,
                                                "select count(*) from message where account_id = 1 and type = 'BULK' and coalesce(sent_at, scheduled_at) >= "
                                                        + "'2026-10-01 00:00 Europe/Warsaw'::timestamptz and coalesce(sent_at, scheduled_at) < '2026-11-16 00:00 Europe/Warsaw'::timestamptz")));
    }

    @Test
    void aJobInterruptedOnItsLastAttemptFailsWithAReason() {
        var folder = folder(FLORA, 1, "Recovery fail");
        var job = running(
                folder,
                "{\"type\":null,\"from\":\"2026-11-01\",\"to\":\"2026-11-15\",\"columns\":[\"name\"],\"language\":\"pl\"}",
                ExportWorker.MAX_ATTEMPTS,
                "now() - interval '1 hour'");

        worker.recoverAtStartup();

        var status = Tenant.call(FLORA, () -> repository.jobStatus(FLORA, job)).orElseThrow();
        assertThat(status.state()).isEqualTo(ExportState.FAILED);
        assertThat(status.error()).isEqualTo(ExportWorker.ERROR_INTERRUPTED);
        assertThat(asAllAccounts(() -> queryLong("select count(*) from stored_file where export_job_id = ?", job)))
                .isZero();
    }

    @Test
    void aJobWithAFreshHeartbeatOfAnotherNodeIsLeftAlone() {
        var folder = folder(FLORA, 1, "Recovery alive");
        var job = running(
                folder,
                "{\"type\":null,\"from\":\"2026-11-01\",\"to\":\"2026-11-15\",\"columns\":[\"name\"],\"language\":\"pl\"}",
                1,
                "now()");

        worker.recoverAtStartup();

        assertThat(Tenant.call(FLORA, () -> repository.jobStatus(FLORA, job))
                        .orElseThrow()
                        .state())
                .isEqualTo(ExportState.RUNNING);
    }

    @Test
    void aDiskThatCannotBeWrittenFailsTheJobReadablyAndTheWorkerGoesOn() throws Exception {
        var folder = folder(FLORA, 1, "Disk full");
        // The temporary folder becomes a plain file: no file can be created in it (root ignores permissions).
        Files.createDirectories(storage.base());
        if (Files.isDirectory(storage.tempDir())) {
            try (var files = Files.list(storage.tempDir())) {
                for (var file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(storage.tempDir());
        }
        blockedTemp = Files.writeString(storage.tempDir(), "not a folder");
        var failing = startExport(folder);
        var failed = awaitJob(FLORA, failing);
        assertThat(failed.state()).isEqualTo(ExportState.FAILED);
        assertThat(failed.error()).startsWith(ExportWorker.ERROR_IO + "\n");

        Files.delete(blockedTemp);
        var next = startExport(folder);
        assertThat(awaitJob(FLORA, next).state()).isEqualTo(ExportState.DONE);
    }

    @Test
    void aBrokenJobFailsAloneAndTheNextOneRuns() {
        var folder = folder(FLORA, 1, "Broken job");
        var broken = queued(
                folder,
                "{\"type\":\"NO_SUCH_TYPE\",\"from\":\"2026-11-01\",\"to\":\"2026-11-15\",\"columns\":[\"name\"],\"language\":\"pl\"}");
        worker.wake();
        var failed = awaitJob(FLORA, broken);
        assertThat(failed.state()).isEqualTo(ExportState.FAILED);
        assertThat(failed.error()).startsWith(ExportWorker.ERROR_UNEXPECTED + "\n");
        assertThat(awaitJob(FLORA, startExport(folder)).state()).isEqualTo(ExportState.DONE);
    }

    private long startExport(long folder) {
        var anna = new com.mobilemarketing.core.security.AppUser(
                1,
                FLORA,
                "anna",
                "Anna Kowalska",
                com.mobilemarketing.core.security.AppUser.Role.MARKETER,
                "pl",
                com.mobilemarketing.core.security.AppUser.PLATFORM_ZONE);
        return Tenant.call(
                FLORA,
                () -> service.startExport(
                        anna,
                        new ExportService.ExportRequest(
                                folder,
                                MessageType.TEST,
                                new DateRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 15)),
                                false,
                                ExportFormat.CSV,
                                MessageColumn.DEFAULTS,
                                Locale.of("pl")),
                        "test.csv"));
    }

    private long queued(long folder, String params) {
        return asAllAccounts(() -> queryLong(
                "insert into export_job (account_id, owner_id, folder_id, file_name, format, private_file, params) "
                        + "values (1, 1, ?, 'job.csv', 'CSV', false, ?::jsonb) returning id",
                folder,
                params));
    }

    /** A job claimed by a process that is gone (or, with a fresh heartbeat, one that still runs). */
    private long running(long folder, String params, int attempts, String heartbeatSql) {
        return asAllAccounts(() -> queryLong(
                "insert into export_job (account_id, owner_id, folder_id, file_name, format, private_file, params, state, "
                        + "claimed_by, attempts, heartbeat_at, started_at, rows_done) "
                        + "values (1, 1, ?, 'job.csv', 'CSV', false, ?::jsonb, 'RUNNING', 'node-dead', ?, "
                        + heartbeatSql
                        + ", now() - interval '1 hour', 42) returning id",
                folder,
                params,
                attempts));
    }
}
