package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.MessageRef;
import com.mobilemarketing.analytics.RecipientFilter;
import com.mobilemarketing.analytics.RecipientListRepository;
import com.mobilemarketing.analytics.RecipientRow;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.SearchField;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The "Who?" list of one message: contacts behind a figure with their opt-in on the message's
 * channel and the time of the event, searchable, paged by key. The total comes from the counters;
 * the size of a searched list is counted when the search is made.
 */
class WhoDialog extends Dialog {

    private final RecipientListRepository repository;
    private final MessageRef message;
    private final KeysetPager pager = new KeysetPager();
    private final Grid<RecipientRow> grid = new Grid<>();
    private final Span total = new Span();
    private RecipientFilter filter;

    WhoDialog(
            RecipientListRepository repository,
            MessageRef message,
            String messageName,
            RecipientFilter filter,
            @Nullable String listName) {
        this.repository = repository;
        this.message = message;
        this.filter = filter;
        setId("who-dialog");
        setHeaderTitle(getTranslation(
                "analytics.who.title",
                listName != null ? listName : AnalyticsTexts.listName(this, Objects.requireNonNull(filter.list())),
                messageName));
        setWidth("min(60rem, 95vw)");
        setHeight("80vh");
        setResizable(true);
        add(createSearch(), total, createGrid());
        getFooter().add(createClose());
        refresh();
    }

    private TextField createSearch() {
        var search = SearchField.create(
                "who-search",
                getTranslation("analytics.recipients.search"),
                getTranslation("analytics.recipients.search"),
                RecipientFilter.MAX_SEARCH_LENGTH);
        search.setWidthFull();
        search.addValueChangeListener(event -> {
            try {
                filter = filter.withSearch(event.getValue());
                refresh();
            } catch (IllegalArgumentException e) {
                Notification.show(getTranslation("analytics.search.too-long", RecipientFilter.MAX_SEARCH_LENGTH));
            }
        });
        return search;
    }

    private Grid<RecipientRow> createGrid() {
        grid.setId("who-grid");
        grid.addColumn(RecipientRow::name)
                .setHeader(getTranslation("analytics.col.contact"))
                .setKey("name")
                .setFlexGrow(2);
        grid.addColumn(RecipientRow::phone)
                .setHeader(getTranslation("analytics.col.phone"))
                .setKey("phone");
        grid.addColumn(row -> optIn(row))
                .setHeader(getTranslation(
                        "analytics.col.optin",
                        getTranslation("channel." + message.channel().name())))
                .setKey("optin");
        grid.addColumn(row -> Formats.dateTime(row.eventTime(filter), message.timeZone(), getLocale()))
                .setHeader(getTranslation("analytics.col.time"))
                .setKey("time");
        grid.setPageSize(50);
        grid.setSizeFull();
        total.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        total.setId("who-total");
        return grid;
    }

    private String optIn(RecipientRow row) {
        if (row.optedIn() == null) {
            return getTranslation("analytics.optin.none");
        }
        return getTranslation(row.optedIn() ? "analytics.optin.yes" : "analytics.optin.no");
    }

    private Button createClose() {
        var close = new Button(getTranslation("common.close"), e -> close());
        close.setId("who-close");
        return close;
    }

    private void refresh() {
        pager.reset();
        var current = filter;
        long size = Tenant.call(
                message.accountId(),
                () -> current.hasSearch()
                        ? repository.countMatching(message, current)
                        : repository.total(message, current));
        total.setText(getTranslation("analytics.who.total", Formats.count(size, getLocale())));
        grid.setItems(
                query -> pager.fetch(
                        query.getOffset(),
                        query.getLimit(),
                        (afterKey, skip, limit) -> Tenant.call(
                                message.accountId(),
                                () -> repository.findRecipients(message, current, afterKey, skip, limit))),
                query -> (int) Math.min(size, Integer.MAX_VALUE));
    }
}
