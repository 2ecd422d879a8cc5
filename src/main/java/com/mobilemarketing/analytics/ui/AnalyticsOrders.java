package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.AttributedOrder;
import com.mobilemarketing.analytics.AttributedOrdersRepository;
import com.mobilemarketing.analytics.RecipientFilter;
import com.mobilemarketing.core.csv.CsvCells;
import com.mobilemarketing.core.metrics.Attribution;
import com.mobilemarketing.core.metrics.Figures;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.metrics.Revenue;
import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.core.ui.AttributionTexts;
import com.mobilemarketing.core.ui.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The orders credited to one message and what it cost: orders, revenue, conversion rate, revenue per
 * recipient, average order value, cost per outcome and return on spend from the metric model, the
 * attribution they are read with, the revenue over time after sending, and the orders themselves
 * (contact, value, time after the touch, the touch: "klik 2 h po wysłaniu"), with "Who?" (the
 * contacts of the credited orders) and a CSV.
 */
record AnalyticsOrders(AnalyticsPage page, AttributedOrdersRepository orders, Attribution attribution) {

    /** The figures' screen texts, in order, as the arguments of a summary. */
    private Object[] texts(Figures figures, Metric... metrics) {
        return java.util.Arrays.stream(metrics)
                .map(metric -> MetricFormat.text(figures.value(metric), page.locale()))
                .toArray();
    }

    Component create() {
        var m = page.message();
        var section = page.section("analytics.orders.title");
        section.setId("attributed-orders");
        var revenue = page.inAccount(() -> orders.revenue(m.ref()));
        var funnel = page.inAccount(() -> page.repository().funnel(m.ref()));
        var cost = page.inAccount(() -> page.repository().cost(m.ref()));
        var figures = m.figures(funnel, revenue, cost);
        var summary = new Paragraph(page.tr(
                "analytics.orders.summary",
                texts(
                        figures,
                        Metric.ORDERS,
                        Metric.REVENUE,
                        Metric.CONVERSION_RATE,
                        Metric.REVENUE_PER_RECIPIENT,
                        Metric.AVERAGE_ORDER_VALUE)));
        summary.setId("orders-summary");
        var label = new Span(AttributionTexts.label(page.host(), attribution));
        label.setTitle(AttributionTexts.detail(page.host(), attribution));
        label.setId("orders-attribution");
        label.addClassName("analytics-note");
        var costs = new Paragraph(page.tr(
                "analytics.cost.summary",
                texts(
                        figures,
                        Metric.COST,
                        Metric.COST_PER_DELIVERED,
                        Metric.COST_PER_READ,
                        Metric.COST_PER_CLICK,
                        Metric.COST_PER_ORDER,
                        Metric.RETURN)));
        costs.setId("cost-summary");
        var costReason = MetricFormat.reasonKey(figures.value(Metric.COST));
        costs.setTitle(page.tr(costReason == null ? "analytics.cost.note" : costReason));
        section.add(summary, label, costs);
        if (revenue.unconverted() > 0) {
            section.add(
                    new Paragraph(page.tr("metric.unconverted", Formats.count(revenue.unconverted(), page.locale()))));
        }
        var list = page.inAccount(() -> orders.orders(m.ref(), AttributedOrdersRepository.PAGE_LIMIT));
        if (list.isEmpty()) {
            section.add(new Paragraph(page.tr("analytics.orders.none")));
            return section;
        }
        var currency = revenue.currency();
        section.add(new AnalyticsRevenueChart(page, currency)
                .create(page.inAccount(() -> orders.revenueAfterSending(m.ref()))));
        var listName = page.tr("analytics.orders.who.list");
        var who = page.whoButton(
                "orders-who",
                listName,
                () -> page.dialogs().open(page.message(), RecipientFilter.creditedOrders(), listName));
        var csv = new Anchor((DownloadEvent event) -> downloadCsv(event), "");
        csv.setId("orders-csv");
        csv.add(AppIcon.DOWNLOAD.create(), new Span(page.tr("analytics.recipients.csv")));
        csv.getElement().setAttribute("aria-label", page.tr("analytics.orders.csv.aria", m.name()));
        csv.addClassName("analytics-csv");
        var table = page.table(
                page.tr("analytics.col.contact"),
                page.tr("analytics.orders.col.order"),
                page.tr("analytics.orders.col.value"),
                page.tr("analytics.orders.col.placed"),
                page.tr("analytics.orders.col.after-touch"),
                page.tr("analytics.orders.col.reason"));
        table.setId("orders-table");
        for (var order : list) {
            var row = page.tableRow(
                    false,
                    order.name() + " · " + order.phone(),
                    order.orderId(),
                    value(order, currency),
                    Formats.dateTime(order.placedAt(), m.timeZone(), page.locale()),
                    duration(order.afterTouch()),
                    reason(order));
            row.addClassName("attributed-order");
            table.add(row);
        }
        var actions = new Div(who, csv);
        actions.addClassName("analytics-orders-actions");
        section.add(actions, table);
        if (revenue.orders() > list.size()) {
            section.add(new Paragraph(page.tr(
                    "analytics.orders.more",
                    Formats.count(list.size(), page.locale()),
                    Formats.count(revenue.orders(), page.locale()))));
        }
        return section;
    }

    /** In the account's currency; an order without a rate shows its own value and "unconverted". */
    private String value(AttributedOrder order, String currency) {
        if (order.revenueMinor() == null) {
            return MetricFormat.money(order.value(), order.currency(), page.locale()) + " ("
                    + page.tr("analytics.orders.unconverted") + ")";
        }
        return MetricFormat.money(Revenue.amount(order.revenueMinor(), currency), currency, page.locale());
    }

    /** "klik 2 h po wysłaniu", "odczyt 15 min po wysłaniu", for SMS "doręczenie 1 min po wysłaniu". */
    String reason(AttributedOrder order) {
        var kind = order.click() ? "click" : page.message().opensMeasurable() ? "read" : "delivery";
        return page.tr("analytics.orders.reason." + kind, duration(order.touchAfterSending()));
    }

    /** "45 min", "2 h", "3 dni". */
    String duration(Duration duration) {
        var minutes = Math.max(0, duration.toMinutes());
        if (minutes < 60) {
            return page.tr("analytics.orders.minutes", minutes);
        }
        if (minutes < 48 * 60) {
            return page.tr("analytics.orders.hours", minutes / 60);
        }
        return page.tr("analytics.orders.days", minutes / (24 * 60));
    }

    private void downloadCsv(DownloadEvent event) throws IOException {
        var m = page.message();
        event.setFileName("message-" + m.id() + "-orders.csv");
        event.setContentType("text/csv;charset=UTF-8");
        try (var out = event.getOutputStream()) {
            writeCsv(out);
        }
    }

    /** Every credited order of the message as CSV (Excel dialect of the page's language). */
    void writeCsv(OutputStream out) throws IOException {
        var all = page.inAccount(() -> orders.orders(page.message().ref(), Integer.MAX_VALUE));
        var currency =
                page.inAccount(() -> orders.revenue(page.message().ref())).currency();
        var separator = page.locale().getLanguage().equals("pl") ? ";" : ",";
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(CsvCells.BOM);
        writeRow(
                writer,
                separator,
                List.of(
                        page.tr("analytics.csv.contact-id"),
                        page.tr("analytics.csv.name"),
                        page.tr("analytics.csv.phone"),
                        page.tr("analytics.orders.col.order"),
                        page.tr("analytics.orders.col.value"),
                        page.tr("analytics.orders.col.placed"),
                        page.tr("analytics.orders.col.after-touch"),
                        page.tr("analytics.orders.col.reason")));
        for (var order : all) {
            writeRow(
                    writer,
                    separator,
                    List.of(
                            Long.toString(order.contactId()),
                            order.name(),
                            order.phone(),
                            order.orderId(),
                            value(order, currency),
                            order.placedAt().toString(),
                            duration(order.afterTouch()),
                            reason(order)));
        }
        writer.flush();
    }

    private static void writeRow(Writer writer, String separator, List<String> cells) throws IOException {
        writer.write(String.join(separator, cells.stream().map(CsvCells::text).toList()));
        writer.write(CsvCells.LINE_END);
    }
}
