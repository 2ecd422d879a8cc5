package com.mobilemarketing.export.ui;

import com.mobilemarketing.db.enums.MessageType;
import com.vaadin.flow.spring.annotation.SpringComponent;
import org.jspecify.annotations.Nullable;

/** Opens the export dialog of the message list (product.md §2.7), preset to the current tab. */
@SpringComponent
public class ExportDialogs {

    /** {@code type} null means "all messages". */
    public void open(@Nullable MessageType type) {
        // Implemented by the export feature.
    }
}
