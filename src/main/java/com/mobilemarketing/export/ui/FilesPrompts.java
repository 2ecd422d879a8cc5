package com.mobilemarketing.export.ui;

import com.mobilemarketing.export.ExportException;
import com.mobilemarketing.export.ExportService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextField;
import java.util.function.Consumer;

/** The small dialogs of the Files page: a name for a folder or file, and "are you sure?". */
final class FilesPrompts {

    private FilesPrompts() {}

    /** Asks for a name; the action's refusal (an {@link ExportException}) keeps the dialog open. */
    static void askName(Component host, String title, String value, Consumer<String> action) {
        var dialog = new Dialog();
        dialog.setId("files-name-dialog");
        dialog.setHeaderTitle(title);
        var field = new TextField(host.getTranslation("files.name"));
        field.setId("files-name");
        field.setMaxLength(ExportService.MAX_NAME_LENGTH);
        field.setValue(value);
        field.setWidthFull();
        dialog.add(field);
        var save = new Button(host.getTranslation("files.save"), e -> {
            try {
                action.accept(field.getValue());
                dialog.close();
            } catch (ExportException ex) {
                field.setInvalid(true);
                field.setErrorMessage(host.getTranslation(ex.key()));
            }
        });
        save.setId("files-name-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        var cancel = new Button(host.getTranslation("common.cancel"), e -> dialog.close());
        dialog.getFooter().add(cancel, save);
        dialog.open();
        field.focus();
    }

    /** Asks before {@code action}; its refusal (an {@link ExportException}) is said in a notification. */
    static void confirm(Component host, String question, Runnable action) {
        var dialog = new Dialog();
        dialog.setId("files-confirm-dialog");
        dialog.setHeaderTitle(question);
        var yes = new Button(host.getTranslation("files.confirm.yes"), e -> {
            dialog.close();
            try {
                action.run();
            } catch (ExportException ex) {
                var n = Notification.show(host.getTranslation(ex.key()), 5000, Notification.Position.MIDDLE);
                n.addThemeVariants(NotificationVariant.ERROR);
            }
        });
        yes.setId("files-confirm-yes");
        yes.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        var no = new Button(host.getTranslation("common.cancel"), e -> dialog.close());
        dialog.getFooter().add(no, yes);
        dialog.open();
    }
}
