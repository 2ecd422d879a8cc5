package com.mobilemarketing.export.ui;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.db.enums.MessageType;
import com.mobilemarketing.export.ExportService;
import com.vaadin.flow.spring.annotation.SpringComponent;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Opens the export dialog of the message list (product.md §2.7), preset to the current tab. */
@SpringComponent
public class ExportDialogs {

    private final ExportService service;

    public ExportDialogs(ExportService service) {
        this.service = service;
    }

    /**
     * {@code type} null means "all messages"; {@code columnsOf} gives the message list's columns of a
     * type (null: all types), the columns the file gets unless the user asks for all.
     */
    public void open(
            AppUser user, @Nullable MessageType type, Function<@Nullable MessageType, List<MessageColumn>> columnsOf) {
        new ExportDialog(service, user, type, columnsOf).open();
    }
}
