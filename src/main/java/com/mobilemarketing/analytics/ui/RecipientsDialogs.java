package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.AnalyticsRepository;
import com.mobilemarketing.analytics.AnalyticsRepository.MessageHeader;
import com.mobilemarketing.analytics.RecipientFilter;
import com.mobilemarketing.analytics.RecipientListRepository;
import com.mobilemarketing.analytics.WhoList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.spring.annotation.SpringComponent;
import org.jspecify.annotations.Nullable;

/**
 * Opens the "Who?" dialog of one message's recipients (sent, delivered, opened, clicked,
 * undelivered): their contacts with the opt-in status for the message's channel and the time of
 * the event, paged by key. Used by the message list and the message's analytics page.
 */
@SpringComponent
public record RecipientsDialogs(AnalyticsRepository repository, RecipientListRepository recipients) {

    /**
     * Opens the list for a marketer of {@code accountId} (the signed-in one's screens run in it); the
     * message must belong to that account (else nothing is shown).
     */
    public void open(long accountId, long messageId, WhoList list) {
        var message = repository.findMessage(accountId, messageId);
        if (message.isEmpty()) {
            var notification = new Notification();
            notification.setText(notification.getTranslation("error.not-found.title"));
            notification.setDuration(4000);
            notification.addThemeVariants(NotificationVariant.ERROR);
            notification.open();
            return;
        }
        open(message.get(), RecipientFilter.of(list), null);
    }

    /** Opens a list of a message already resolved in its account (the analytics page, support). */
    WhoDialog open(MessageHeader message, RecipientFilter filter, @Nullable String listName) {
        var dialog = new WhoDialog(recipients, message.ref(), message.name(), filter, listName);
        dialog.open();
        return dialog;
    }
}
