package com.mobilemarketing.contacts.ui;

import com.mobilemarketing.contacts.ContactRepository;
import com.mobilemarketing.contacts.OptInFilter;
import com.mobilemarketing.contacts.OverlapPart;
import com.mobilemarketing.db.enums.Channel;
import com.vaadin.flow.spring.annotation.SpringComponent;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/** Opens the "Who?" list of opt-in contacts; the stats panel's entry point into the contacts feature. */
@SpringComponent
public class OptInDialogs {

    private final ContactRepository contacts;

    public OptInDialogs(ContactRepository contacts) {
        this.contacts = contacts;
    }

    /** Opens the list of the account's contacts opted in on {@code channel} (null: on any channel). */
    public OptInDialog open(long accountId, @Nullable Channel channel, ZoneId zone) {
        return open(accountId, new OptInFilter(channel), zone);
    }

    /** Opens the list of the account's contacts opted in on exactly the part's channels. */
    public OptInDialog open(long accountId, OverlapPart part, ZoneId zone) {
        return open(accountId, OptInFilter.of(part), zone);
    }

    private OptInDialog open(long accountId, OptInFilter list, ZoneId zone) {
        var dialog = new OptInDialog(contacts, accountId, list, zone);
        dialog.open();
        return dialog;
    }
}
