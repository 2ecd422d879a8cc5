package com.mobilemarketing.cost.ui;

import com.mobilemarketing.core.metrics.Cost;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.cost.GatewayReportRepository;
import com.mobilemarketing.cost.GatewayReportRepository.Difference;
import com.mobilemarketing.cost.GatewayReportRepository.DifferenceRow;
import com.mobilemarketing.cost.GatewayReportRepository.Gateway;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * "Who?" of one kind of difference of a gateway's day: the messages behind it with both sides'
 * status, parts and cost, and the same list as CSV. A day's differences are computed from the whole
 * day, so a list of a few thousand is read once; a longer one is paged from the database.
 */
class DifferencesDialog extends Dialog {

    /** Up to this many differences are read at once and paged in memory; more are paged from the database. */
    static final int IN_ONE_READ = 5_000;

    private final ReconciliationView view;
    private final Gateway gateway;
    private final LocalDate day;
    private final Difference kind;

    DifferencesDialog(
            ReconciliationView view,
            GatewayReportRepository repository,
            long accountId,
            Gateway gateway,
            LocalDate day,
            Difference kind,
            long size) {
        this.view = view;
        this.gateway = gateway;
        this.day = day;
        this.kind = kind;
        var grid = createGrid();
        setHeaderTitle(getTranslation(
                "reconciliation.who.title",
                getTranslation("reconciliation.diff." + kind.name()),
                gateway.name(),
                Formats.count(size, getLocale()) + " · " + day));
        if (size <= IN_ONE_READ) {
            // Every page would compute the whole day again (seconds on a day of a million messages).
            grid.setItems(
                    view.inAccount(() -> repository.differences(accountId, gateway.id(), day, kind, 0, IN_ONE_READ)));
        } else {
            grid.setItems(
                    query -> view
                            .inAccount(() -> repository.differences(
                                    accountId, gateway.id(), day, kind, query.getOffset(), query.getLimit()))
                            .stream(),
                    query -> (int) Math.min(size, Integer.MAX_VALUE));
        }
        var csv = new Anchor((DownloadEvent event) -> download(event), "");
        csv.setId("differences-csv");
        csv.add(AppIcon.DOWNLOAD.create(), new Span(getTranslation("reconciliation.csv")));
        csv.addClassName(LumoUtility.Gap.XSMALL);
        add(csv, grid);
        var close = new Button(getTranslation("common.close"), e -> close());
        close.setId("differences-close");
        getFooter().add(close);
        setId("differences-dialog");
        setResizable(true);
        setWidth("min(80rem, 95vw)");
        setHeight("80vh");
    }

    private Grid<DifferenceRow> createGrid() {
        var grid = new Grid<DifferenceRow>();
        grid.setId("differences-grid");
        column(grid, ReconciliationView.orDash(DifferenceRow::sid), "sid").setAutoWidth(true);
        column(grid, ReconciliationView.orDash(DifferenceRow::messageName), "message")
                .setFlexGrow(2);
        column(
                        grid,
                        ReconciliationView.<DifferenceRow>orDash(row ->
                                row.contactName() == null ? row.phone() : row.contactName() + " · " + row.phone()),
                        "contact")
                .setFlexGrow(2);
        column(grid, row -> Formats.dateTime(row.sentAt(), view.user().timeZone(), getLocale()), "sent")
                .setAutoWidth(true);
        column(grid, row -> status(row.ourStatus()), "our-status");
        column(grid, row -> status(row.gatewayStatus()), "gateway-status");
        column(grid, row -> count(row.ourParts()), "our-parts");
        column(grid, row -> count(row.gatewayParts()), "gateway-parts");
        column(grid, row -> money(row.ourMicros()), "our-cost");
        column(grid, row -> money(row.gatewayMicros()), "gateway-cost");
        grid.setPageSize(50);
        grid.setSizeFull();
        return grid;
    }

    /** A column headed by its reconciliation.col.* text, found by the same key. */
    private Grid.Column<DifferenceRow> column(
            Grid<DifferenceRow> grid, ValueProvider<DifferenceRow, String> value, String key) {
        return grid.addColumn(value)
                .setHeader(getTranslation("reconciliation.col." + key))
                .setKey(key);
    }

    private String status(@Nullable String status) {
        return status == null ? MetricFormat.NOT_AVAILABLE : getTranslation("reconciliation.status." + status);
    }

    private String count(@Nullable Integer value) {
        return value == null ? MetricFormat.NOT_AVAILABLE : MetricFormat.count(value, getLocale());
    }

    private String money(@Nullable Long micros) {
        var currency = view.currency();
        return micros == null
                ? MetricFormat.NOT_AVAILABLE
                : MetricFormat.money(Cost.shown(Cost.amount(micros), currency), currency, getLocale());
    }

    /** The CSV's column names in the page's language. */
    List<String> csvHeader() {
        return List.of(
                        "differences",
                        "col.sid",
                        "col.message-id",
                        "col.message",
                        "col.contact",
                        "col.phone",
                        "col.sent",
                        "col.our-status",
                        "col.gateway-status",
                        "col.our-parts",
                        "col.gateway-parts",
                        "col.our-cost",
                        "col.gateway-cost")
                .stream()
                .map(key -> getTranslation("reconciliation." + key))
                .toList();
    }

    /** Streams the list as CSV; runs on the download request, not the UI thread. */
    private void download(DownloadEvent event) throws IOException {
        event.setFileName("reconciliation-" + gateway.id() + "-" + day + "-"
                + kind.name().toLowerCase(java.util.Locale.ROOT) + ".csv");
        event.setContentType("text/csv;charset=UTF-8");
        try (var out = event.getOutputStream()) {
            writeCsv(out);
        }
    }

    long writeCsv(OutputStream out) {
        return view.writeCsv(gateway, day, kind, csvHeader(), out);
    }
}
