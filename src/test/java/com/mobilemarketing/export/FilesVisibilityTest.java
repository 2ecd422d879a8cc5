package com.mobilemarketing.export;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.UserRepository;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.db.enums.ExportState;
import com.mobilemarketing.db.enums.MessageType;
import com.mobilemarketing.export.ExportService.ExportRequest;
import com.mobilemarketing.export.StoredFileRepository.EntryKind;
import com.mobilemarketing.export.StoredFileRepository.FileEntry;
import com.mobilemarketing.export.StoredFileRepository.FileFilter;
import com.mobilemarketing.export.ui.FilesView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * Who sees which file: colleagues see the account's shared files, only the owner sees a private
 * one, nobody sees another account's; the same rules hold on the Files page and for downloads.
 */
class FilesVisibilityTest extends ExportTestSupport {

    @Autowired
    private UserRepository users;

    @Autowired
    private FileDownloadController downloads;

    private long folder;
    private long annasPrivateFile;
    private long piotrsSharedFile;

    @BeforeEach
    void twoFilesInOneFolder() {
        folder = folder(FLORA, 1, "Visibility");
        annasPrivateFile = export(user("anna"), true);
        piotrsSharedFile = export(user("piotr"), false);
    }

    @Test
    void colleaguesSeeSharedFilesOnlyAndOtherAccountsNothing() {
        assertThat(names(entries("anna"))).containsExactlyInAnyOrder(annasPrivateFile, piotrsSharedFile);
        assertThat(names(entries("piotr"))).containsExactly(piotrsSharedFile);
        assertThat(names(entries("kasia"))).containsExactly(piotrsSharedFile);
        // Another account asking for Flora's folder by id gets nothing, with or without RLS.
        var marek = user("marek");
        assertThat(Tenant.call(SPORT, () -> fileRepository.countEntries(new FileFilter(SPORT, marek.id(), folder))))
                .isZero();
        assertThat(Tenant.call(SPORT, () -> folderRepository.folders(SPORT))).noneMatch(f -> f.id() == folder);
    }

    @Test
    void aPrivateFileDownloadsOnlyForItsOwner() throws Exception {
        login("anna");
        var response = downloads.download(Long.toString(annasPrivateFile), principal("anna"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentDisposition().getFilename()).endsWith(".csv");
        assertThat(response.getBody().contentLength()).isEqualTo(Files.size(fileOfFile(annasPrivateFile)));

        login("kasia");
        assertNotFound(() -> downloads.download(Long.toString(annasPrivateFile), principal("kasia")));
        assertThat(downloads
                        .download(Long.toString(piotrsSharedFile), principal("kasia"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);

        login("marek");
        assertNotFound(() -> downloads.download(Long.toString(piotrsSharedFile), principal("marek")));
        assertNotFound(() -> downloads.download(Long.toString(annasPrivateFile), principal("marek")));
        assertNotFound(() -> downloads.download("abc", principal("marek")));
        assertNotFound(() -> downloads.download(Long.toString(piotrsSharedFile), null));
    }

    @Test
    void theFilesPageShowsWhatTheUserMaySeeAndOffersChangesOnlyOnOwnFiles() {
        login("kasia");
        UI.getCurrent().navigate(FilesView.class);
        selectFolder();
        @SuppressWarnings("unchecked")
        Grid<FileEntry> grid = _get(Grid.class, spec -> spec.withId("files-grid"));
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._get(grid, 0).id()).isEqualTo(piotrsSharedFile);
        var actions = GridKt._getCellComponent(grid, 0, "actions");
        var download = _get(actions, Anchor.class, spec -> spec.withId("file-download-" + piotrsSharedFile));
        assertThat(download.getHref()).isEqualTo("/files/" + piotrsSharedFile);
        assertThat(download.getElement().getAttribute("aria-label")).contains("piotr.csv");
        // A colleague's shared file: download only, no rename or delete.
        assertThat(_find(actions, Button.class)).isEmpty();

        login("anna");
        UI.getCurrent().navigate(FilesView.class);
        selectFolder();
        @SuppressWarnings("unchecked")
        Grid<FileEntry> annasGrid = _get(Grid.class, spec -> spec.withId("files-grid"));
        assertThat(GridKt._size(annasGrid)).isEqualTo(2);
        var annasRow = GridKt._get(annasGrid, 0).id() == annasPrivateFile ? 0 : 1;
        var annasActions = GridKt._getCellComponent(annasGrid, annasRow, "actions");
        assertThat(_find(annasActions, Button.class, spec -> spec.withId("file-delete-" + annasPrivateFile)))
                .hasSize(1);
        assertThat(_find(annasActions, Button.class, spec -> spec.withId("file-rename-" + annasPrivateFile)))
                .hasSize(1);

        login("marek");
        UI.getCurrent().navigate(FilesView.class);
        @SuppressWarnings("unchecked")
        Grid<FolderRepository.Folder> folders = _get(Grid.class, spec -> spec.withId("files-folders"));
        assertThat(GridKt._fetch(folders, 0, 1000)).noneMatch(f -> f.id() == folder);
    }

    @Test
    void onlyTheNameGrowsAndTheShortColumnsHaveFixedWidths() {
        login("anna");
        UI.getCurrent().navigate(FilesView.class);
        @SuppressWarnings("unchecked")
        Grid<FileEntry> grid = _get(Grid.class, spec -> spec.withId("files-grid"));
        // Evenly growing columns cut off the name, owner and date at 1440 px while the private
        // flag, state and actions had space to spare.
        assertThat(grid.getColumns())
                .filteredOn(column -> column.getFlexGrow() > 0)
                .extracting(Grid.Column::getKey)
                .containsExactly("name");
        assertThat(grid.getColumns())
                .filteredOn(column -> !"actions".equals(column.getKey()))
                .allSatisfy(column -> assertThat(column.getWidth())
                        .as("width of %s", column.getKey())
                        .matches("[0-9.]+rem"));
        assertThat(grid.getColumnByKey("actions").isAutoWidth()).isTrue();
        // Whatever does not fit scrolls sideways between the name and the actions.
        assertThat(grid.getColumnByKey("name").isFrozen()).isTrue();
        assertThat(grid.getColumnByKey("actions").isFrozenToEnd()).isTrue();
    }

    @Test
    void onlyTheOwnerRenamesAndDeletesAFileAndOnlyAnEmptyFolderGoes() {
        var kasia = user("kasia");
        var piotr = user("piotr");
        Tenant.run(FLORA, () -> {
            assertThatThrownBy(() -> service.renameFile(kasia, piotrsSharedFile, "mine.csv"))
                    .isInstanceOf(ExportException.class);
            assertThatThrownBy(() -> service.deleteFile(kasia, piotrsSharedFile))
                    .isInstanceOf(ExportException.class);
            service.renameFile(piotr, piotrsSharedFile, "Raport Łódź.csv");
            assertThatThrownBy(() -> service.renameFile(piotr, piotrsSharedFile, "a/b"))
                    .isInstanceOf(ExportException.class);
            assertThatThrownBy(() -> service.renameFile(piotr, piotrsSharedFile, "x".repeat(121)))
                    .isInstanceOf(ExportException.class);
            // Kasia can't see Anna's private file, so she must not delete the folder that holds it.
            assertThatThrownBy(() -> service.deleteFolder(kasia, folder))
                    .isInstanceOf(ExportException.class)
                    .hasMessage("export.error.folder-not-empty");
        });
        assertThat(asAllAccounts(
                        () -> queryValue(String.class, "select name from stored_file where id = ?", piotrsSharedFile)))
                .isEqualTo("Raport Łódź.csv");
        var piotrsBytes = fileOfFile(piotrsSharedFile);
        var annasBytes = fileOfFile(annasPrivateFile);
        Tenant.run(FLORA, () -> {
            service.deleteFile(piotr, piotrsSharedFile);
            service.deleteFile(user("anna"), annasPrivateFile);
            service.deleteFolder(kasia, folder);
        });
        assertThat(piotrsBytes).doesNotExist();
        assertThat(annasBytes).doesNotExist();
        assertThat(asAllAccounts(() -> queryLong("select count(*) from folder where id = ?", folder)))
                .isZero();
    }

    private long export(AppUser user, boolean privateFile) {
        var job = Tenant.call(
                FLORA,
                () -> service.startExport(
                        user,
                        new ExportRequest(
                                folder,
                                MessageType.BIRTHDAY,
                                new DateRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 15)),
                                privateFile,
                                ExportFormat.CSV,
                                MessageColumn.DEFAULTS,
                                Locale.of("pl")),
                        user.username() + ".csv"));
        assertThat(awaitJob(FLORA, job).state()).isEqualTo(ExportState.DONE);
        return asAllAccounts(
                () -> queryLong("select id from stored_file where account_id = 1 and export_job_id = ?", job));
    }

    private List<FileEntry> entries(String username) {
        var user = user(username);
        return Tenant.call(
                FLORA,
                () -> fileRepository
                        .findEntries(new FileFilter(FLORA, user.id(), folder), 0, 100, List.of())
                        .toList());
    }

    private static List<Long> names(List<FileEntry> entries) {
        assertThat(entries).allMatch(e -> e.kind() == EntryKind.FILE);
        return entries.stream().map(FileEntry::id).toList();
    }

    private AppUser user(String username) {
        return users.findByUsername(username).orElseThrow().user();
    }

    private com.mobilemarketing.core.security.AppUserDetails principal(String username) {
        return users.findByUsername(username).orElseThrow();
    }

    private java.nio.file.Path fileOfFile(long fileId) {
        return storage.resolve(asAllAccounts(
                () -> queryValue(String.class, "select storage_key from stored_file where id = ?", fileId)));
    }

    private void selectFolder() {
        @SuppressWarnings("unchecked")
        Grid<FolderRepository.Folder> folders = _get(Grid.class, spec -> spec.withId("files-folders"));
        var chosen = GridKt._fetch(folders, 0, 1000).stream()
                .filter(f -> f.id() == folder)
                .findFirst()
                .orElseThrow();
        folders.select(chosen);
    }

    private static void assertNotFound(java.util.function.Supplier<org.springframework.http.ResponseEntity<?>> call) {
        var response = call.get();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getBody()).isNull();
    }
}
