package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.AnalyticsRepository.MessageHeader;
import com.mobilemarketing.analytics.RecipientFilter;
import com.mobilemarketing.analytics.RecipientRow;
import com.mobilemarketing.analytics.RecipientsCsv;
import com.mobilemarketing.analytics.WhoList;
import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.core.ui.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.DownloadEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The recipients of one message: a grid filtered by list and searched by name, paged by key, and
 * the filtered list as CSV.
 */
final class AnalyticsRecipients {

    /** Room for a day over its hour ("23 lut 2026" / "15:27") in the grid's small font. */
    private static final String TIME_WIDTH = "7rem";

    /** Texts reach the templates only as properties, never as template source. */
    private static final String CONTACT_TEMPLATE =
            "<div>${item.name}</div><div class=\"recipient-phone\">${item.phone}</div>";

    private static final String TIME_TEMPLATE =
            "<span class=\"recipient-time\"><span>${item.day}</span> <span>${item.clock}</span></span>";

    private final AnalyticsPage page;
    private final Runnable beforeCsv;
    private final KeysetPager pager = new KeysetPager();
    private volatile RecipientFilter recipientFilter = RecipientFilter.all();
    private Grid<RecipientRow> recipients = new Grid<>();
    private List<String> csvHeader = List.of();

    /** {@code beforeCsv} runs before each CSV is written, e.g. to log a support user's access. */
    AnalyticsRecipients(AnalyticsPage page, Runnable beforeCsv) {
        this.page = page;
        this.beforeCsv = beforeCsv;
    }

    Component create() {
        var m = page.message();
        var section = page.section("analytics.recipients.title");
        var status = new Select<WhoList>();
        status.setId("recipients-status-filter");
        status.setLabel(page.tr("analytics.recipients.status"));
        status.setItems(availableLists(m));
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(page.tr("analytics.list.all"));
        status.setItemLabelGenerator(
                list -> list == null ? page.tr("analytics.list.all") : AnalyticsTexts.listName(page.host(), list));
        status.addValueChangeListener(e -> {
            recipientFilter = recipientFilter.withList(e.getValue());
            refreshRecipients();
        });
        var search = new TextField(page.tr("analytics.recipients.search"));
        search.setId("recipients-search");
        search.addClassName("analytics-recipients-search");
        search.setMaxLength(RecipientFilter.MAX_SEARCH_LENGTH);
        search.setClearButtonVisible(true);
        search.setPrefixComponent(AppIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> {
            try {
                recipientFilter = recipientFilter.withSearch(e.getValue());
                refreshRecipients();
            } catch (IllegalArgumentException ex) {
                Notification.show(page.tr("analytics.search.too-long", RecipientFilter.MAX_SEARCH_LENGTH));
            }
        });
        var csv = new Anchor((DownloadEvent event) -> downloadCsv(event), "");
        csv.setId("recipients-csv");
        csv.add(AppIcon.DOWNLOAD.create(), new Span(page.tr("analytics.recipients.csv")));
        csv.getElement().setAttribute("aria-label", page.tr("analytics.recipients.csv.aria", m.name()));
        csv.addClassName("analytics-csv");
        var toolbar = new HorizontalLayout(status, search, csv);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWrap(true);

        // The view is reused when only the id changes: build a fresh grid each time.
        recipients = new Grid<>();
        recipientFilter = RecipientFilter.all();
        recipients.setId("recipients-grid");
        recipients.addClassName("recipients-grid");
        // Everything a support question needs in view at 1440 px, no sideways scroll: the contact
        // with the phone under the name, and each time as the day over the hour (widths in rem for
        // the grid's small font, see analytics.css).
        recipients
                .addColumn(LitRenderer.<RecipientRow>of(CONTACT_TEMPLATE)
                        .withProperty("name", RecipientRow::name)
                        .withProperty("phone", RecipientRow::phone))
                .setHeader(page.tr("analytics.col.contact"))
                .setKey("name")
                .setWidth("10rem")
                .setFlexGrow(1)
                .setFrozen(true);
        recipients
                .addColumn(
                        row -> page.tr("analytics.status." + row.status().name().toLowerCase(Locale.ROOT)))
                .setHeader(page.tr("analytics.col.status"))
                .setKey("status")
                .setWidth("8rem")
                .setFlexGrow(0);
        timeColumn("sent", RecipientRow::sentAt, TIME_WIDTH);
        timeColumn("delivered", RecipientRow::deliveredAt, TIME_WIDTH);
        timeColumn("opened", RecipientRow::openedAt, TIME_WIDTH);
        timeColumn("clicked", RecipientRow::clickedAt, TIME_WIDTH);
        timeColumn("failed", RecipientRow::failedAt, "8rem");
        recipients
                .addColumn(row -> row.errorCode() == null
                        ? ""
                        : row.errorCode() + " — " + AnalyticsTexts.errorDescription(page.host(), row.errorCode()))
                .setHeader(page.tr("analytics.col.error"))
                .setKey("error")
                .setWidth("11rem")
                .setFlexGrow(2);
        recipients.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        // About the grid's height of rows: the first page goes with the page's first response.
        recipients.setPageSize(20);
        recipients.setHeight("32rem");
        recipients.setColumnReorderingAllowed(true);
        csvHeader = csvHeader();
        refreshRecipients();
        section.add(toolbar, recipients);
        return section;
    }

    /** The lists of the outcomes this message's channel and gateway report. */
    private static List<WhoList> availableLists(MessageHeader m) {
        var measurability = m.measurability();
        return Arrays.stream(WhoList.values())
                .filter(list -> list.metric().measurable(measurability))
                .toList();
    }

    /** A time of the recipient's outcome, one line wide, header "analytics.col.<key>". */
    /** A time of the recipient as the day over the hour: whole, and narrow enough for all columns to fit. */
    private void timeColumn(String key, Function<RecipientRow, @Nullable OffsetDateTime> time, String width) {
        recipients
                .addColumn(LitRenderer.<RecipientRow>of(TIME_TEMPLATE)
                        .withProperty(
                                "day",
                                row -> Formats.date(
                                        time.apply(row), page.message().timeZone(), page.locale()))
                        .withProperty(
                                "clock",
                                row -> Formats.time(
                                        time.apply(row), page.message().timeZone(), page.locale())))
                .setHeader(page.tr("analytics.col." + key))
                .setKey(key)
                .setWidth(width)
                .setFlexGrow(0);
    }

    private void refreshRecipients() {
        pager.reset();
        var ref = page.message().ref();
        var filter = recipientFilter;
        if (filter.hasSearch()) {
            // Size of a searched list is not maintained: the grid pages on without a known end.
            recipients.setItems(query -> pager.fetch(
                    query.getOffset(),
                    query.getLimit(),
                    (afterKey, skip, limit) -> page.inAccount(
                            () -> page.recipients().findRecipients(ref, filter, afterKey, skip, limit))));
        } else {
            var size = page.inAccount(() -> page.recipients().total(ref, filter));
            recipients.setItems(
                    query -> pager.fetch(
                            query.getOffset(),
                            query.getLimit(),
                            (afterKey, skip, limit) -> page.inAccount(
                                    () -> page.recipients().findRecipients(ref, filter, afterKey, skip, limit))),
                    query -> (int) Math.min(size, Integer.MAX_VALUE));
        }
    }

    private List<String> csvHeader() {
        return List.of(
                        "analytics.csv.contact-id",
                        "analytics.csv.name",
                        "analytics.csv.phone",
                        "analytics.csv.optin",
                        "analytics.csv.status",
                        "analytics.csv.sent",
                        "analytics.csv.delivered",
                        "analytics.csv.opened",
                        "analytics.csv.clicked",
                        "analytics.csv.failed",
                        "analytics.csv.error-code",
                        "analytics.csv.error-kind")
                .stream()
                .map(key -> page.tr(key))
                .toList();
    }

    /** Streams the filtered recipients as CSV; runs on the download request, not the UI thread. */
    void downloadCsv(DownloadEvent event) throws IOException {
        var m = page.message();
        event.setFileName("message-" + m.id() + "-recipients.csv");
        event.setContentType("text/csv;charset=UTF-8");
        try (var out = event.getOutputStream()) {
            writeCsv(out);
        }
    }

    /** Writes the CSV of the current filter; returns the number of recipient rows. */
    long writeCsv(OutputStream out) {
        var m = page.message();
        var filter = recipientFilter;
        var header = csvHeader;
        beforeCsv.run();
        return page.inAccount(() -> RecipientsCsv.write(page.recipients(), m.ref(), filter, header, out));
    }
}
