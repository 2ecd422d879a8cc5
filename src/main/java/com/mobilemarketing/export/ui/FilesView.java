package com.mobilemarketing.export.ui;

import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.IconButton;
import com.mobilemarketing.core.ui.LiveSubscription;
import com.mobilemarketing.db.enums.ExportState;
import com.mobilemarketing.export.ExportEvents;
import com.mobilemarketing.export.ExportService;
import com.mobilemarketing.export.FileDownloadController;
import com.mobilemarketing.export.FolderRepository.Folder;
import com.mobilemarketing.export.StoredFileRepository;
import com.mobilemarketing.export.StoredFileRepository.EntryKind;
import com.mobilemarketing.export.StoredFileRepository.FileEntry;
import com.mobilemarketing.export.StoredFileRepository.FileFilter;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Channels → Mobile Marketing → Files: the account's folders, their files (the user's own and the
 * shared ones of colleagues) and the exports still running, with progress that updates by push.
 * Files download through {@link FileDownloadController}; their owner renames and deletes them.
 */
@Route(FilesView.ROUTE)
@Menu(order = 2, title = "nav.files", icon = "FOLDER")
@RolesAllowed("MARKETER")
@StyleSheet("app/export.css")
public class FilesView extends VerticalLayout implements HasDynamicTitle {

    public static final String ROUTE = "mobile-marketing/files";

    private final ExportService service;
    private final StoredFileRepository repository;
    private final AppUser user;
    private final Grid<Folder> folders = new Grid<>();
    private final Grid<FileEntry> files = new Grid<>();
    private final H3 folderTitle = new H3();

    public FilesView(
            ExportService service, StoredFileRepository repository, ExportEvents events, CurrentUser currentUser) {
        this.service = service;
        this.repository = repository;
        this.user = currentUser.get();
        setId("files-view");
        addClassNames("files-view", LumoUtility.Padding.MEDIUM);
        var title = new H2(getTranslation("files.title"));
        title.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.Margin.NONE);
        var body = new HorizontalLayout(createFoldersPanel(), createFilesPanel());
        body.setWidthFull();
        body.addClassName("files-body");
        add(title, body);
        var accountId = user.requireAccountId();
        LiveSubscription.whileAttached(this, accountId, events::subscribeAccount, event -> {
            if (selectedFolder().isPresent()) {
                files.getDataProvider().refreshAll();
            }
        });
        setSizeFull();
        reloadFolders(null);
    }

    // ------------------------------------------------------------------ folders

    private Component createFoldersPanel() {
        folders.setId("files-folders");
        folders.setAriaLabel(getTranslation("files.folders"));
        folders.addColumn(Folder::name).setHeader(getTranslation("files.folders"));
        folders.addClassName("files-folders");
        folders.addSelectionListener(e -> showFolder());
        var create = button(
                "files-new-folder",
                "files.folder.new",
                AppIcon.FOLDER_ADD,
                e -> FilesPrompts.askName(this, getTranslation("files.folder.new"), "", name -> {
                    var folder = service.createFolder(user, name);
                    reloadFolders(folder.id());
                }));
        var rename = button(
                "files-rename-folder",
                "files.folder.rename",
                AppIcon.EDIT,
                e -> selectedFolder()
                        .ifPresent(folder -> FilesPrompts.askName(
                                this, getTranslation("files.folder.rename"), folder.name(), name -> {
                                    service.renameFolder(user, folder.id(), name);
                                    reloadFolders(folder.id());
                                })));
        var delete = button(
                "files-delete-folder",
                "files.folder.delete",
                AppIcon.TRASH,
                e -> selectedFolder()
                        .ifPresent(folder -> FilesPrompts.confirm(
                                this, getTranslation("files.folder.delete.confirm", folder.name()), () -> {
                                    service.deleteFolder(user, folder.id());
                                    reloadFolders(null);
                                })));
        var actions = new HorizontalLayout(create, rename, delete);
        actions.setSpacing(false);
        actions.addClassNames(LumoUtility.FlexWrap.WRAP, LumoUtility.Width.FULL);
        var panel = new VerticalLayout(actions, folders);
        panel.setPadding(false);
        panel.addClassName("files-folders-panel");
        return panel;
    }

    private void reloadFolders(@Nullable Long select) {
        var list = service.folders(user);
        folders.setItems(list);
        list.stream()
                .filter(f -> select == null || f.id() == select)
                .findFirst()
                .ifPresentOrElse(folders::select, () -> showFolder());
    }

    private java.util.Optional<Folder> selectedFolder() {
        return folders.getSelectedItems().stream().findFirst();
    }

    // ------------------------------------------------------------------ files

    private Component createFilesPanel() {
        files.setId("files-grid");
        files.addClassName("files-grid");
        files.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        files.setAriaLabel(getTranslation("files.files"));
        // Fixed widths for the short columns and only the name growing, each its header (with sort
        // arrow) or its longest value in the grid's small font (export.css), measured with a wide
        // font (DejaVu Sans); names and states wrap. Where the folders beside the files leave too
        // little room, the folders move above the files (export.css), so every column is in view.
        files.addColumn(FileEntry::name)
                .setHeader(getTranslation("files.column.name"))
                .setKey("name")
                .setSortable(true)
                .setWidth("10rem")
                .setFlexGrow(1)
                .setFrozen(true);
        files.addColumn(FileEntry::owner)
                .setHeader(getTranslation("files.column.owner"))
                .setKey("owner")
                .setSortable(true)
                .setWidth("7.5rem")
                .setFlexGrow(0);
        files.addColumn(entry -> Formats.dateTime(entry.created(), user.timeZone(), getLocale()))
                .setHeader(getTranslation("files.column.created"))
                .setKey("created")
                .setSortable(true)
                .setWidth("10rem")
                .setFlexGrow(0);
        files.addColumn(entry -> entry.sizeBytes() == null ? "" : size(entry.sizeBytes()))
                .setHeader(getTranslation("files.column.size"))
                .setKey("size")
                .setSortable(true)
                .setWidth("6rem")
                .setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        files.addColumn(entry -> entry.rows() == null || entry.kind() == EntryKind.JOB
                        ? ""
                        : Formats.count(entry.rows(), getLocale()))
                .setHeader(getTranslation("files.column.rows"))
                .setKey("rows")
                .setSortable(true)
                .setWidth("6rem")
                .setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        files.addColumn(entry ->
                        entry.privateFile() ? getTranslation("files.private.yes") : getTranslation("files.private.no"))
                .setHeader(getTranslation("files.column.private"))
                .setKey("private")
                .setWidth("5.75rem")
                .setFlexGrow(0);
        files.addComponentColumn(this::stateOf)
                .setHeader(getTranslation("files.column.state"))
                .setKey("state")
                .setWidth("7.5rem")
                .setFlexGrow(0);
        files.addComponentColumn(this::actionsOf)
                .setHeader(getTranslation("files.column.actions"))
                .setKey("actions")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setFrozenToEnd(true);
        files.sort(List.of(new GridSortOrder<>(files.getColumnByKey("created"), SortDirection.DESCENDING)));
        files.setEmptyStateText(getTranslation("files.empty"));
        var panel = new VerticalLayout(folderTitle, files);
        panel.setPadding(false);
        panel.addClassName("files-files-panel");
        return panel;
    }

    private void showFolder() {
        var folder = selectedFolder();
        folderTitle.setText(folder.map(Folder::name).orElse(getTranslation("files.no-folder")));
        if (folder.isEmpty()) {
            files.setItems(List.of());
            return;
        }
        var filter =
                new FileFilter(user.requireAccountId(), user.id(), folder.get().id());
        files.setItems(
                query -> repository.findEntries(
                        filter,
                        query.getOffset(),
                        query.getLimit(),
                        query.getSortOrders().stream()
                                .map(order -> new StoredFileRepository.Sort(
                                        order.getSorted(), order.getDirection() == SortDirection.DESCENDING))
                                .toList()),
                query -> repository.countEntries(filter));
    }

    private Component stateOf(FileEntry entry) {
        if (entry.kind() == EntryKind.FILE) {
            return new Span(getTranslation("files.state.DONE"));
        }
        if (entry.state() == ExportState.FAILED) {
            var error = entry.error() == null ? "" : entry.error();
            var newline = error.indexOf('\n');
            var key = newline < 0 ? error : error.substring(0, newline);
            var text =
                    new Span(getTranslation("files.state.FAILED") + ": " + (key.isEmpty() ? "" : getTranslation(key)));
            text.addClassNames(LumoUtility.TextColor.ERROR);
            if (newline >= 0) {
                text.setTitle(error.substring(newline + 1));
            }
            return text;
        }
        var bar = new ProgressBar();
        bar.setId("file-progress-" + entry.id());
        var total = entry.rowsTotal();
        var done = entry.rows() == null ? 0 : entry.rows();
        if (entry.state() == ExportState.QUEUED || total == null) {
            bar.setIndeterminate(true);
        } else {
            bar.setValue(total == 0 ? 1 : Math.min(1, (double) done / total));
        }
        var label = new Span(
                entry.state() == ExportState.QUEUED
                        ? getTranslation("files.state.QUEUED")
                        : getTranslation(
                                "files.state.RUNNING",
                                Formats.count(done, getLocale()),
                                total == null ? "?" : Formats.count(total, getLocale())));
        label.addClassNames(LumoUtility.FontSize.XSMALL);
        bar.getElement().setAttribute("aria-label", label.getText());
        var layout = new VerticalLayout(bar, label);
        layout.setPadding(false);
        layout.setSpacing(false);
        return layout;
    }

    private Component actionsOf(FileEntry entry) {
        var actions = new HorizontalLayout();
        actions.setSpacing(false);
        var own = entry.ownerId() == user.id();
        if (entry.kind() == EntryKind.FILE) {
            var download = new Anchor(FileDownloadController.url(entry.id()), "");
            download.setId("file-download-" + entry.id());
            download.getElement().setAttribute("download", true);
            download.setRouterIgnore(true);
            download.add(AppIcon.DOWNLOAD.create());
            download.getElement().setAttribute("aria-label", getTranslation("files.download", entry.name()));
            download.getElement().setAttribute("title", getTranslation("files.download", entry.name()));
            actions.add(download);
            if (own) {
                var rename = iconButton(
                        "file-rename-" + entry.id(),
                        AppIcon.EDIT,
                        getTranslation("files.rename", entry.name()),
                        () -> FilesPrompts.askName(this, getTranslation("files.rename.title"), entry.name(), name -> {
                            service.renameFile(user, entry.id(), name);
                            files.getDataProvider().refreshAll();
                        }));
                var delete = iconButton(
                        "file-delete-" + entry.id(),
                        AppIcon.TRASH,
                        getTranslation("files.delete", entry.name()),
                        () -> FilesPrompts.confirm(this, getTranslation("files.delete.confirm", entry.name()), () -> {
                            service.deleteFile(user, entry.id());
                            files.getDataProvider().refreshAll();
                        }));
                actions.add(rename, delete);
            }
        } else if (own) {
            var label = entry.state() == ExportState.FAILED
                    ? getTranslation("files.job.dismiss", entry.name())
                    : getTranslation("files.job.cancel", entry.name());
            actions.add(iconButton("job-delete-" + entry.id(), AppIcon.CLOSE, label, () -> {
                service.deleteJob(user, entry.id());
                files.getDataProvider().refreshAll();
            }));
        }
        return actions;
    }

    // ------------------------------------------------------------------ small dialogs

    private Button button(
            String id,
            String key,
            AppIcon icon,
            com.vaadin.flow.component.ComponentEventListener<com.vaadin.flow.component.ClickEvent<Button>> listener) {
        var button = new Button(getTranslation(key), icon.create(), listener);
        button.setId(id);
        button.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        return button;
    }

    private static Button iconButton(String id, AppIcon icon, String label, Runnable action) {
        return IconButton.create(id, icon, label, action, ButtonVariant.TERTIARY, ButtonVariant.SMALL);
    }

    private String size(long bytes) {
        if (bytes < 1024) {
            return Formats.count(bytes, getLocale()) + " B";
        }
        if (bytes < 1024 * 1024) {
            return Formats.count(Math.round(bytes / 1024.0), getLocale()) + " kB";
        }
        return Formats.count(Math.round(bytes / (1024.0 * 1024.0)), getLocale()) + " MB";
    }

    @Override
    public String getPageTitle() {
        return getTranslation("files.title") + " · " + getTranslation("app.name");
    }
}
