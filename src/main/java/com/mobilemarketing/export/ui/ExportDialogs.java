package com.mobilemarketing.export.ui;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.security.CurrentUser;
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
    private final CurrentUser currentUser;

    public ExportDialogs(ExportService service, CurrentUser currentUser) {
        this.service = service;
        this.currentUser = currentUser;
    }

    /**
     * {@code type} null means "all messages"; {@code columnsOf} gives the message list's columns of a
     * type (null: all types), the columns the file gets unless the user asks for all.
     */
    public void open(@Nullable MessageType type, Function<@Nullable MessageType, List<MessageColumn>> columnsOf) {
        new ExportDialog(service, currentUser.get(), type, columnsOf).open();
    }
}
