package com.mobilemarketing.contacts.ui;

import com.mobilemarketing.contacts.ContactRepository;
import com.mobilemarketing.contacts.OptInContact;
import com.mobilemarketing.contacts.OptInFilter;
import com.mobilemarketing.contacts.OptInSort;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.SearchField;
import com.mobilemarketing.db.enums.Channel;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * "Who?" — the contacts opted in on a channel (or on any), with the channels and since when, paged
 * lazily and searchable by a fragment of name, phone or email. The total is the opt-in counter.
 */
public class OptInDialog extends Dialog {

    /** One consent a line; texts reach the template only as properties. */
    private static final String CONSENTS_TEMPLATE =
            "${item.consents.map(consent => html`<div class=\"optin-consent\">${consent}</div>`)}";

    private final ContactRepository contacts;
    private final long accountId;
    private final @Nullable Channel channel;
    private final ZoneId zone;
    /** Last row seen before each known offset, so the next page is read by key, not by OFFSET. */
    private final TreeMap<Integer, OptInContact> rowBefore = new TreeMap<>();

    private final Span total = new Span();
    private final TextField search;
    private final Grid<OptInContact> grid = new Grid<>();
    private OptInFilter filter;
    private @Nullable Object pagingState;

    OptInDialog(ContactRepository contacts, long accountId, @Nullable Channel channel, ZoneId zone) {
        this.contacts = contacts;
        this.accountId = accountId;
        this.channel = channel;
        this.zone = zone;
        this.filter = new OptInFilter(channel);
        this.search = SearchField.create(
                "optin-search",
                getTranslation("contacts.optin.search.label"),
                getTranslation("contacts.optin.search.placeholder"),
                OptInFilter.MAX_SEARCH_LENGTH);
        setId("optin-dialog");
        addClassName("optin-dialog");
        setHeaderTitle(getTranslation("contacts.optin.title", sourceName()));
        getElement().setAttribute("aria-label", getTranslation("contacts.optin.title", sourceName()));
        setWidth("min(1120px, 95vw)");
        setHeight("min(720px, 90vh)");
        setResizable(true);
        var content = new VerticalLayout(createToolbar(), createGrid());
        content.setSizeFull();
        content.setPadding(false);
        content.setFlexGrow(1, grid);
        add(content);
        getFooter().add(createCloseButton());
        refreshTotal();
    }

    private String sourceName() {
        return getTranslation(channel == null ? "channel.ALL" : "channel." + channel.name());
    }

    private Component createToolbar() {
        search.addValueChangeListener(event -> applySearch(event.getValue()));
        search.addClassNames(LumoUtility.Flex.GROW);
        total.setId("optin-dialog-count");
        total.getElement().setAttribute("aria-live", "polite");
        var bar = new HorizontalLayout(search, total);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        return bar;
    }

    private Grid<OptInContact> createGrid() {
        grid.setId("optin-grid");
        // Whole values, never cut: the e-mail breaks where it must and each consent (channel and
        // date, what the dialog is about) takes a line of its own.
        grid.addThemeVariants(
                GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addClassName("optin-grid");
        size(grid.addColumn(OptInContact::fullName), "name", "11rem", 1).setSortable(true);
        size(grid.addColumn(OptInContact::phone), "phone", "10rem", 0).setSortable(true);
        size(grid.addColumn(contact -> contact.email() == null ? "" : contact.email()), "email", "14rem", 2);
        size(
                grid.addColumn(
                        LitRenderer.<OptInContact>of(CONSENTS_TEMPLATE).withProperty("consents", this::consents)),
                "consents",
                "14rem",
                1);
        grid.setItems(this::fetch, query -> contacts.count(accountId, filter));
        grid.setSizeFull();
        grid.getElement().setAttribute("aria-label", getTranslation("contacts.optin.title", sourceName()));
        return grid;
    }

    /** Headed, keyed and sized: the column takes {@code flexGrow} shares of the room left. */
    private Grid.Column<OptInContact> size(Grid.Column<OptInContact> column, String key, String width, int flexGrow) {
        return column.setHeader(getTranslation("contacts.optin.column." + key))
                .setKey(key)
                .setWidth(width)
                .setFlexGrow(flexGrow);
    }

    private Button createCloseButton() {
        var close = new Button(getTranslation("common.close"), event -> close());
        close.setId("optin-close");
        return close;
    }

    private Stream<OptInContact> fetch(Query<OptInContact, Void> query) {
        var sortOrder = query.getSortOrders().stream().findFirst();
        var sort = sortOrder.flatMap(order -> OptInSort.of(order.getSorted())).orElse(OptInSort.NAME);
        var descending = sortOrder
                .map(order -> order.getDirection() == SortDirection.DESCENDING)
                .orElse(false);
        var state = List.of(filter, sort, descending);
        if (!state.equals(pagingState)) {
            rowBefore.clear();
            pagingState = state;
        }
        int offset = query.getOffset();
        var known = rowBefore.floorEntry(offset);
        var after = known == null ? null : known.getValue();
        int skip = known == null ? offset : offset - known.getKey();
        var page = contacts.findPage(accountId, filter, sort, descending, after, skip, query.getLimit());
        if (!page.isEmpty()) {
            rowBefore.put(offset + page.size(), page.getLast());
        }
        return page.stream();
    }

    private void applySearch(String value) {
        if (value.strip().length() > OptInFilter.MAX_SEARCH_LENGTH) {
            Notification.show(getTranslation("contacts.optin.search.too-long", OptInFilter.MAX_SEARCH_LENGTH))
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
            return;
        }
        filter = new OptInFilter(channel, value);
        grid.getDataProvider().refreshAll();
        refreshTotal();
    }

    private void refreshTotal() {
        var locale = getLocale();
        long all = contacts.optInCount(accountId, channel);
        if (!filter.searching()) {
            total.setText(getTranslation("contacts.optin.total", Formats.count(all, locale)));
            return;
        }
        int found = contacts.count(accountId, filter);
        total.setText(
                found > ContactRepository.SEARCH_COUNT_CAP
                        ? getTranslation(
                                "contacts.optin.found.many",
                                Formats.count(ContactRepository.SEARCH_COUNT_CAP, locale),
                                Formats.count(all, locale))
                        : getTranslation(
                                "contacts.optin.found", Formats.count(found, locale), Formats.count(all, locale)));
    }

    private List<String> consents(OptInContact contact) {
        var format = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(getLocale());
        return contact.consents().stream()
                .map(consent -> getTranslation("channel." + consent.channel().name()) + " "
                        + getTranslation(
                                "contacts.optin.since",
                                format.format(consent.since().atZoneSameInstant(zone))))
                .toList();
    }
}
