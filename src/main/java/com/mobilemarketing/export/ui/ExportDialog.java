package com.mobilemarketing.export.ui;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.db.enums.MessageType;
import com.mobilemarketing.export.ExportException;
import com.mobilemarketing.export.ExportFormat;
import com.mobilemarketing.export.ExportService;
import com.mobilemarketing.export.ExportService.ExportRequest;
import com.mobilemarketing.export.FolderRepository.Folder;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The export dialog of the message list: [A] folder (or a new one), [B] type, [C] time range,
 * [D] private file, the format and the columns; [E] queues the export and closes, the file
 * arrives in the folder in the background.
 */
@StyleSheet("app/export.css")
public class ExportDialog extends Dialog {

    static final String COLUMNS_PERSONALIZED = "PERSONALIZED";
    static final String COLUMNS_ALL = "ALL";

    private final ExportService service;
    private final AppUser user;
    private final Function<@Nullable MessageType, List<MessageColumn>> columnsOf;
    private final ComboBox<Folder> folder = new ComboBox<>();
    private final TextField newFolderName = new TextField();
    private final HorizontalLayout newFolderRow = new HorizontalLayout();
    private final Select<MessageType> type = new Select<>();
    private final Select<String> range = new Select<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Checkbox privateFile = new Checkbox();
    private final RadioButtonGroup<ExportFormat> format = new RadioButtonGroup<>();
    private final RadioButtonGroup<String> columns = new RadioButtonGroup<>();

    public ExportDialog(
            ExportService service,
            AppUser user,
            @Nullable MessageType initialType,
            Function<@Nullable MessageType, List<MessageColumn>> columnsOf) {
        this.service = service;
        this.user = user;
        this.columnsOf = columnsOf;
        setId("export-dialog");
        addClassName("export-dialog");
        setHeaderTitle(getTranslation("export.dialog.title"));
        setModal(true);
        setCloseOnEsc(true);
        var form = new FormLayout(
                createFolderField(),
                createNewFolderRow(),
                createTypeField(initialType),
                createRangeFields(),
                createPrivateField(),
                createFormatField(),
                createColumnsField());
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);
        getFooter().add(createCancelButton(), createConfirmButton());
        updateColumnsHelper();
    }

    private Component createFolderField() {
        folder.setId("export-folder");
        folder.setLabel(getTranslation("export.folder"));
        folder.setHelperText(getTranslation("export.folder.helper"));
        folder.setItemLabelGenerator(Folder::name);
        folder.setAllowCustomValue(true);
        folder.setRequired(true);
        var folders = service.folders(user);
        folder.setItems(folders);
        if (!folders.isEmpty()) {
            folder.setValue(folders.getFirst());
        }
        // Typing a name that is not in the list creates that folder in place.
        folder.addCustomValueSetListener(event -> createFolder(event.getDetail()));
        var newFolder = new Button(getTranslation("export.new-folder"), AppIcon.FOLDER_ADD.create(), e -> {
            newFolderRow.setVisible(!newFolderRow.isVisible());
            if (newFolderRow.isVisible()) {
                newFolderName.focus();
            }
        });
        newFolder.setId("export-new-folder");
        newFolder.addThemeVariants(ButtonVariant.TERTIARY);
        var row = new HorizontalLayout(folder, newFolder);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setFlexGrow(1, folder);
        row.setWidthFull();
        return row;
    }

    private Component createNewFolderRow() {
        newFolderName.setId("export-new-folder-name");
        newFolderName.setLabel(getTranslation("export.new-folder.name"));
        newFolderName.setMaxLength(ExportService.MAX_NAME_LENGTH);
        var create =
                new Button(getTranslation("export.new-folder.create"), e -> createFolder(newFolderName.getValue()));
        create.setId("export-new-folder-create");
        newFolderRow.add(newFolderName, create);
        newFolderRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        newFolderRow.setVisible(false);
        return newFolderRow;
    }

    private void createFolder(String name) {
        try {
            var created = service.createFolder(user, name);
            folder.setItems(service.folders(user));
            folder.setValue(created);
            newFolderName.clear();
            newFolderRow.setVisible(false);
        } catch (ExportException e) {
            showError(e.key());
        }
    }

    private Component createTypeField(@Nullable MessageType initialType) {
        type.setId("export-type");
        type.setLabel(getTranslation("export.type"));
        type.setItems(MessageType.values());
        type.setEmptySelectionAllowed(true);
        type.setEmptySelectionCaption(getTranslation("export.type.all"));
        type.setItemLabelGenerator(
                t -> t == null ? getTranslation("export.type.all") : getTranslation("type." + t.getLiteral()));
        type.setValue(initialType);
        type.addValueChangeListener(e -> updateColumnsHelper());
        return type;
    }

    private Component createRangeFields() {
        range.setId("export-range");
        range.setLabel(getTranslation("export.range"));
        range.setItems(RangePreset.choices());
        range.setItemLabelGenerator(item -> getTranslation("export.range." + item));
        range.setValue(RangePreset.LAST_30_DAYS.name());
        var today = service.today(user);
        for (var picker : List.of(from, to)) {
            picker.setMax(today);
            picker.setMin(today.minusYears(ExportService.MAX_YEARS_BACK));
            picker.setLocale(getLocale());
        }
        from.setId("export-from");
        from.setLabel(getTranslation("export.range.from"));
        to.setId("export-to");
        to.setLabel(getTranslation("export.range.to"));
        var dates = new HorizontalLayout(from, to);
        dates.setVisible(false);
        range.addValueChangeListener(e -> {
            var custom = RangePreset.CUSTOM.equals(e.getValue());
            dates.setVisible(custom);
            if (custom && from.isEmpty() && e.getOldValue() != null && !RangePreset.CUSTOM.equals(e.getOldValue())) {
                var preset = service.range(user, RangePreset.valueOf(e.getOldValue()));
                from.setValue(preset.first());
                to.setValue(preset.last());
            }
        });
        var layout = new com.vaadin.flow.component.orderedlayout.VerticalLayout(range, dates);
        layout.setPadding(false);
        layout.setSpacing(false);
        return layout;
    }

    private Component createPrivateField() {
        privateFile.setId("export-private");
        privateFile.setLabel(getTranslation("export.private"));
        privateFile.setHelperText(getTranslation("export.private.helper"));
        return privateFile;
    }

    private Component createFormatField() {
        format.setId("export-format");
        format.setLabel(getTranslation("export.format"));
        format.setItems(ExportFormat.values());
        format.setItemLabelGenerator(f -> getTranslation("export.format." + f.name()));
        format.setValue(ExportFormat.CSV);
        return format;
    }

    private Component createColumnsField() {
        columns.setId("export-columns");
        columns.setLabel(getTranslation("export.columns"));
        columns.setItems(COLUMNS_PERSONALIZED, COLUMNS_ALL);
        columns.setItemLabelGenerator(c -> getTranslation("export.columns." + c));
        columns.setValue(COLUMNS_PERSONALIZED);
        columns.addValueChangeListener(e -> updateColumnsHelper());
        return columns;
    }

    private void updateColumnsHelper() {
        columns.setHelperText(chosenColumns().stream()
                .map(MessageColumn::exportLabelKey)
                .map(this::getTranslation)
                .collect(Collectors.joining(", ")));
    }

    private List<MessageColumn> chosenColumns() {
        var chosenType = type.getValue();
        return ExportService.columns(chosenType, COLUMNS_ALL.equals(columns.getValue()), columnsOf.apply(chosenType));
    }

    private Component createCancelButton() {
        var cancel = new Button(getTranslation("common.cancel"), e -> close());
        cancel.setId("export-cancel");
        return cancel;
    }

    private Component createConfirmButton() {
        var confirm = new Button(getTranslation("export.confirm"), AppIcon.DOWNLOAD.create(), e -> confirm());
        confirm.setId("export-confirm");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        return confirm;
    }

    private void confirm() {
        if (folder.getValue() == null) {
            folder.setInvalid(true);
            folder.setErrorMessage(getTranslation("export.error.folder-required"));
            return;
        }
        var chosenRange = chosenRange();
        if (chosenRange == null) {
            to.setInvalid(true);
            to.setErrorMessage(getTranslation("export.error.range"));
            return;
        }
        var locale = getLocale() == null ? Locale.of("pl") : getLocale();
        var chosenFormat = format.getValue() == null ? ExportFormat.CSV : format.getValue();
        var request = new ExportRequest(
                folder.getValue().id(),
                type.getValue(),
                chosenRange,
                privateFile.getValue(),
                chosenFormat,
                chosenColumns(),
                locale);
        try {
            service.startExport(user, request, fileName(request));
        } catch (ExportException e) {
            showError(e.key());
            return;
        }
        close();
        var notification = Notification.show(
                getTranslation("export.started", folder.getValue().name()), 5000, Notification.Position.BOTTOM_END);
        notification.setId("export-started");
        notification.addThemeVariants(NotificationVariant.SUCCESS);
    }

    private @Nullable DateRange chosenRange() {
        var value = range.getValue();
        if (value == null) {
            return null;
        }
        if (!RangePreset.CUSTOM.equals(value)) {
            return service.range(user, RangePreset.valueOf(value));
        }
        if (from.getValue() == null
                || to.getValue() == null
                || to.getValue().isBefore(from.getValue())
                || from.isInvalid()
                || to.isInvalid()) {
            return null;
        }
        return new DateRange(from.getValue(), to.getValue());
    }

    /** E.g. "eksport-masowe-2026-10-17_2026-11-15.csv". */
    private String fileName(ExportRequest request) {
        var typeName = request.type() == null ? "ALL" : request.type().getLiteral();
        return getTranslation("export.file.prefix") + "-" + getTranslation("export.file.type." + typeName) + "-"
                + request.range().first() + "_" + request.range().last() + "."
                + request.format().extension();
    }

    private void showError(String key) {
        var notification = Notification.show(getTranslation(key), 5000, Notification.Position.MIDDLE);
        notification.setId("export-error");
        notification.addThemeVariants(NotificationVariant.ERROR);
    }
}
