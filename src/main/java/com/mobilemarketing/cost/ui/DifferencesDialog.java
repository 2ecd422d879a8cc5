package com.mobilemarketing.cost.ui;

import com.mobilemarketing.core.metrics.Cost;
import com.mobilemarketing.core.metrics.MetricFormat;
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
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * "Who?" of one kind of difference of a gateway's day: the messages behind it with both sides'
 * status, parts and cost, paged from the database, and the same list as CSV.
 */
class DifferencesDialog extends Dialog {

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
        setId("differences-dialog");
        setHeaderTitle(getTranslation(
                "reconciliation.who.title",
                getTranslation("reconciliation.diff." + kind.name()),
                gateway.name(),
                Formats.count(size, getLocale()) + " · " + day));
        setWidth("min(80rem, 95vw)");
        setHeight("80vh");
        setResizable(true);
        var grid = createGrid();
        grid.setItems(
                query -> view
                        .inAccount(() -> repository.differences(
                                accountId, gateway.id(), day, kind, query.getOffset(), query.getLimit()))
                        .stream(),
                query -> (int) Math.min(size, Integer.MAX_VALUE));
        var csv = new Anchor((DownloadEvent event) -> download(event), "");
        csv.setId("differences-csv");
        csv.add(VaadinIcon.DOWNLOAD.create(), new Span(getTranslation("reconciliation.csv")));
        csv.addClassName(LumoUtility.Gap.XSMALL);
        add(csv, grid);
        var close = new Button(getTranslation("common.close"), e -> close());
        close.setId("differences-close");
        getFooter().add(close);
    }

    private Grid<DifferenceRow> createGrid() {
        var grid = new Grid<DifferenceRow>();
        grid.setId("differences-grid");
        grid.addColumn(ReconciliationView.orDash(DifferenceRow::sid))
                .setHeader(getTranslation("reconciliation.col.sid"))
                .setKey("sid")
                .setAutoWidth(true);
        grid.addColumn(ReconciliationView.orDash(DifferenceRow::messageName))
                .setHeader(getTranslation("reconciliation.col.message"))
                .setKey("message")
                .setFlexGrow(2);
        grid.addColumn(ReconciliationView.<DifferenceRow>orDash(
                        row -> row.contactName() == null ? row.phone() : row.contactName() + " · " + row.phone()))
                .setHeader(getTranslation("reconciliation.col.contact"))
                .setKey("contact")
                .setFlexGrow(2);
        grid.addColumn(row -> Formats.dateTime(row.sentAt(), view.user().timeZone(), getLocale()))
                .setHeader(getTranslation("reconciliation.col.sent"))
                .setKey("sent")
                .setAutoWidth(true);
        grid.addColumn(row -> status(row.ourStatus()))
                .setHeader(getTranslation("reconciliation.col.our-status"))
                .setKey("ourStatus");
        grid.addColumn(row -> status(row.gatewayStatus()))
                .setHeader(getTranslation("reconciliation.col.gateway-status"))
                .setKey("gatewayStatus");
        grid.addColumn(row -> count(row.ourParts()))
                .setHeader(getTranslation("reconciliation.col.our-parts"))
                .setKey("ourParts");
        grid.addColumn(row -> count(row.gatewayParts()))
                .setHeader(getTranslation("reconciliation.col.gateway-parts"))
                .setKey("gatewayParts");
        grid.addColumn(row -> money(row.ourMicros()))
                .setHeader(getTranslation("reconciliation.col.our-cost"))
                .setKey("ourCost");
        grid.addColumn(row -> money(row.gatewayMicros()))
                .setHeader(getTranslation("reconciliation.col.gateway-cost"))
                .setKey("gatewayCost");
        grid.setPageSize(50);
        grid.setSizeFull();
        return grid;
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
