package com.mobilemarketing.messages.ui;

import com.mobilemarketing.core.ui.UrlState;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.spring.annotation.SpringComponent;
import org.springframework.context.annotation.Scope;

/** The list of sent and scheduled messages (product.md §2). */
@SpringComponent
@Scope("prototype")
public class MessageListPanel extends Section {

    public MessageListPanel() {
        setId("message-list-panel");
    }

    public void show(UrlState urlState) {}
}
