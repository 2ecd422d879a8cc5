package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.AnalyticsRepository;
import com.mobilemarketing.analytics.AnalyticsRepository.MessageHeader;
import com.mobilemarketing.analytics.RecipientFilter;
import com.mobilemarketing.analytics.WhoList;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.spring.annotation.SpringComponent;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Opens the "Who?" dialog of one message's recipients (sent, delivered, opened, clicked,
 * undelivered): their contacts with the opt-in status for the message's channel and the time of
 * the event, paged by key. Used by the message list and the message's analytics page.
 */
@SpringComponent
public class RecipientsDialogs {

    private final AnalyticsRepository repository;
    private final CurrentUser currentUser;

    public RecipientsDialogs(AnalyticsRepository repository, CurrentUser currentUser) {
        this.repository = repository;
        this.currentUser = currentUser;
    }

    /**
     * Opens the list for the signed-in marketer (in their account, the default); the message must
     * belong to their account (else nothing is shown).
     */
    public void open(long messageId, WhoList list) {
        var accountId = currentUser.find().map(AppUser::accountId).orElse(null);
        var message =
                accountId == null ? Optional.<MessageHeader>empty() : repository.findMessage(accountId, messageId);
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
        var dialog = new WhoDialog(repository, message.ref(), message.name(), filter, listName);
        dialog.open();
        return dialog;
    }
}
