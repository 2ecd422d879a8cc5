package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.WhoList;
import com.vaadin.flow.spring.annotation.SpringComponent;

/**
 * Opens the "Who?" dialog of one message's recipients (sent, delivered, opened, clicked,
 * undelivered): their contacts with the opt-in status for the message's channel and the time of
 * the event, paged by key. Used by the message list and the message's analytics page.
 */
@SpringComponent
public class RecipientsDialogs {

    /** Opens the list; the message must belong to the current account (else nothing is shown). */
    public void open(long messageId, WhoList list) {
        // Implemented by the analytics feature.
    }
}
