package com.mobilemarketing.contacts.ui;

import com.mobilemarketing.contacts.ContactRepository;
import com.mobilemarketing.contacts.OptInContact;
import com.mobilemarketing.contacts.OptInFilter;
import com.mobilemarketing.contacts.OptInSort;
import com.mobilemarketing.core.csv.CsvCells;
import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.SearchField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
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
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * "Who?" — the contacts opted in on a channel (or on any, or on exactly one combination of channels),
 * with the channels and since when, paged lazily, searchable by a fragment of name, phone or email
 * and downloadable as CSV. The total is the opt-in (or overlap) counter.
 */
public class OptInDialog extends Dialog {

    /** One consent a line; texts reach the template only as properties. */
    private static final String CONSENTS_TEMPLATE =
            "${item.consents.map(consent => html`<div class=\"optin-consent\">${consent}</div>`)}";

    /** Contacts read per statement while the CSV is written. */
    private static final int CSV_PAGE = 5_000;

    private final ContactRepository contacts;
    private final long accountId;
    /** The list without a search: a channel's (or any) opt-ins, or one part of the channel overlap. */
    private final OptInFilter list;

    private final ZoneId zone;
    /** Last row seen before each known offset, so the next page is read by key, not by OFFSET. */
    private final TreeMap<Integer, OptInContact> rowBefore = new TreeMap<>();

    private final Span total = new Span();
    private final TextField search;
    private final Grid<OptInContact> grid = new Grid<>();
    private OptInFilter filter;
    private @Nullable Object pagingState;

    OptInDialog(ContactRepository contacts, long accountId, OptInFilter list, ZoneId zone) {
        this.contacts = contacts;
        this.accountId = accountId;
        this.list = list;
        this.zone = zone;
        this.filter = list;
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
        getFooter().add(createCsvLink(), createCloseButton());
        refreshTotal();
    }

    private String sourceName() {
        var part = list.part();
        if (part != null) {
            return getTranslation("overlap.part." + part.name());
        }
        var channel = list.channel();
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

    /** The whole list (with the search typed) as CSV, read page by page by key. */
    private Anchor createCsvLink() {
        var csv = new Anchor((DownloadEvent event) -> downloadCsv(event), "");
        csv.setId("optin-csv");
        csv.add(AppIcon.DOWNLOAD.create(), new Span(getTranslation("contacts.optin.csv")));
        csv.getElement().setAttribute("aria-label", getTranslation("contacts.optin.csv.aria", sourceName()));
        csv.addClassNames(LumoUtility.Display.FLEX, LumoUtility.AlignItems.CENTER, LumoUtility.Gap.XSMALL);
        return csv;
    }

    private void downloadCsv(DownloadEvent event) throws IOException {
        event.setFileName("opt-in-contacts.csv");
        event.setContentType("text/csv;charset=UTF-8");
        try (var out = event.getOutputStream()) {
            writeCsv(out);
        }
    }

    /** Every contact of the list as CSV in the Excel dialect of the dialog's language. */
    public void writeCsv(OutputStream out) throws IOException {
        var separator = getLocale().getLanguage().equals("pl") ? ";" : ",";
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(CsvCells.BOM);
        writer.write(CsvCells.line(
                separator,
                Stream.of("id", "name", "phone", "email", "consents")
                        .map(key -> getTranslation("contacts.optin.column." + key))
                        .toList()));
        @Nullable OptInContact after = null;
        List<OptInContact> page;
        do {
            page = contacts.findPage(accountId, filter, OptInSort.NAME, false, after, 0, CSV_PAGE);
            for (var contact : page) {
                writer.write(CsvCells.line(separator, csvCells(contact)));
            }
            after = page.isEmpty() ? null : page.getLast();
        } while (page.size() == CSV_PAGE);
        writer.flush();
    }

    private List<String> csvCells(OptInContact contact) {
        var email = contact.email() == null ? "" : contact.email();
        return List.of(
                Long.toString(contact.id()),
                contact.fullName(),
                contact.phone(),
                email,
                String.join(", ", consents(contact)));
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
        filter = list.searching(value);
        grid.getDataProvider().refreshAll();
        refreshTotal();
    }

    private void refreshTotal() {
        var locale = getLocale();
        long all = contacts.total(accountId, list);
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
