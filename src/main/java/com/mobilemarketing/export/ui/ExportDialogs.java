package com.mobilemarketing.export.ui;

import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.db.enums.MessageType;
import com.mobilemarketing.export.ExportService;
import com.vaadin.flow.spring.annotation.SpringComponent;
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

    /** {@code type} null means "all messages". */
    public void open(@Nullable MessageType type) {
        new ExportDialog(service, currentUser.get(), type).open();
    }
}
