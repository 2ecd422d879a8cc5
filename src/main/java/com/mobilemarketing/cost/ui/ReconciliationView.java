package com.mobilemarketing.cost.ui;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.metrics.Cost;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.cost.GatewayReportRepository;
import com.mobilemarketing.cost.GatewayReportRepository.Account;
import com.mobilemarketing.cost.GatewayReportRepository.Difference;
import com.mobilemarketing.cost.GatewayReportRepository.Gateway;
import com.mobilemarketing.cost.GatewayReportRepository.ImportResult;
import com.mobilemarketing.cost.GatewayReportRepository.Reconciliation;
import com.mobilemarketing.cost.InvalidReportException;
import com.mobilemarketing.cost.ReconciliationCsv;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Channels → Mobile Marketing → Gateway reconciliation: one SMS gateway's day, our sent, delivered,
 * undelivered, parts and cost against the gateway's own report, the differences and "Who?" lists of
 * the messages behind them. Marketers of the account import the gateway's report here (Twilio's
 * message log export); support staff choose any account and only read, each look in the support
 * access log.
 */
@RolesAllowed({"MARKETER", "SUPPORT"})
@StyleSheet("app/cost.css")
@Menu(order = 4, title = "nav.reconciliation", icon = "SCALE")
@Route(ReconciliationView.ROUTE)
public class ReconciliationView extends VerticalLayout implements HasDynamicTitle {

    public static final String ROUTE = "mobile-marketing/reconciliation";
    static final String ACTION_VIEW = "reconciliation";
    static final String ACTION_CSV = "reconciliation-csv";

    /** One line of the comparison: a figure of both sides. */
    record FigureRow(String key, long ours, long gateway, long oursUnpriced, long gatewayUnpriced, boolean money) {}

    private final GatewayReportRepository repository;
    private long accountId;
    private final Clock clock;
    private String currency = "PLN";
    private final AppUser user;
    private final Select<Account> account = new Select<>();
    private final Select<Gateway> gateway = new Select<>();
    private final DatePicker day = new DatePicker();
    /** Our figures of the day against the gateway's, a row per figure. */
    private final Grid<FigureRow> figures = new Grid<>();

    private final Paragraph reportState = new Paragraph();
    private final Div differences = new Div();

    public ReconciliationView(GatewayReportRepository repository, Clock clock, CurrentUser currentUser) {
        setId("reconciliation-view");
        addClassName(LumoUtility.Padding.MEDIUM);
        this.user = currentUser.get();
        this.repository = repository;
        this.clock = clock;
        CostPage.addHeader(this, "reconciliation.title", "reconciliation.intro");
        add(createChoice());
        if (user.isSupport()) {
            var readOnly = new Paragraph(getTranslation("reconciliation.read-only"));
            readOnly.setId("reconciliation-read-only");
            readOnly.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
            add(readOnly);
        } else {
            add(createUpload());
        }
        reportState.setId("reconciliation-state");
        reportState.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);
        var heading = new H3(getTranslation("reconciliation.differences"));
        heading.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        differences.setId("reconciliation-differences");
        differences.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.SMALL);
        add(reportState, createFigures(), heading, differences);
        if (user.isSupport()) {
            var accounts = Tenant.allAccounts(repository::accounts);
            account.setItems(accounts);
            if (!accounts.isEmpty()) {
                account.setValue(accounts.getFirst());
            }
        } else {
            chooseAccount(user.requireAccountId());
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("reconciliation.title");
    }

    private HorizontalLayout createChoice() {
        account.setId("reconciliation-account");
        account.setLabel(getTranslation("reconciliation.account"));
        account.setItemLabelGenerator(Account::name);
        account.setVisible(user.isSupport());
        account.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                chooseAccount(e.getValue().id());
            }
        });
        gateway.setId("reconciliation-gateway");
        gateway.setLabel(getTranslation("reconciliation.gateway"));
        gateway.setItemLabelGenerator(Gateway::name);
        gateway.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                day.setValue(inAccount(() -> repository.lastReportedDay(
                                accountId, e.getValue().id()))
                        .orElse(today().minusDays(1)));
                refresh();
            }
        });
        day.setId("reconciliation-day");
        day.setLabel(getTranslation("reconciliation.day"));
        day.setLocale(getLocale());
        day.addValueChangeListener(e -> refresh());
        var choice = new HorizontalLayout(account, gateway, day);
        choice.addClassName(LumoUtility.FlexWrap.WRAP);
        choice.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return choice;
    }

    private VerticalLayout createUpload() {
        var heading = new H3(getTranslation("reconciliation.report"));
        heading.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        var upload = new Upload(this::receive);
        upload.setId("reconciliation-upload");
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".csv", "text/csv");
        upload.setDropLabel(new Span(getTranslation("reconciliation.upload.drop")));
        upload.setUploadButton(new Button(getTranslation("reconciliation.upload.button")));
        upload.getElement().setAttribute("aria-label", getTranslation("reconciliation.upload"));
        var section = new VerticalLayout(heading, upload);
        section.setPadding(false);
        section.setSpacing(false);
        section.addClassName(LumoUtility.MaxWidth.SCREEN_SMALL);
        return section;
    }

    private void chooseAccount(long id) {
        accountId = id;
        currency = inAccount(() -> repository.currency(id));
        var gateways = inAccount(() -> repository.gateways(id));
        gateway.setItems(gateways);
        if (gateways.isEmpty()) {
            reportState.setText(getTranslation("reconciliation.no-gateway"));
            figures.setItems(List.of());
            differences.removeAll();
        } else {
            gateway.setValue(gateways.getFirst());
        }
    }

    /** The uploaded file straight into the import (streamed, nothing kept in memory); runs on the upload request. */
    private void receive(UploadEvent event) {
        var chosen = gateway.getValue();
        var ui = event.getUI();
        if (chosen == null || user.isSupport()) {
            event.reject();
            return;
        }
        String message;
        boolean ok;
        try (var in = event.getInputStream()) {
            var result = Tenant.call(
                    accountId,
                    () -> repository.importTwilio(
                            accountId,
                            chosen.id(),
                            user.id(),
                            event.getFileName(),
                            in,
                            OffsetDateTime.now(clock),
                            () -> {}));
            message = resultText(result);
            ok = true;
        } catch (InvalidReportException e) {
            message = getTranslation("reconciliation.rejected", getTranslation(e.key(), e.arguments()));
            ok = false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var text = message;
        var success = ok;
        ui.access(() -> {
            Notification.show(text, 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(success ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
            if (success) {
                showDay(inAccount(() -> repository.lastReportedDay(accountId, chosen.id()))
                        .orElse(day.getValue()));
            }
        });
    }

    /** Shows the day (its figures are read again even when it is the day shown). */
    private void showDay(LocalDate shown) {
        if (shown.equals(day.getValue())) {
            refresh();
        } else {
            day.setValue(shown);
        }
    }

    private String resultText(ImportResult result) {
        if (result.duplicate()) {
            return getTranslation(
                    "reconciliation.duplicate",
                    Formats.dateTime(result.alreadyImportedAt(), user.timeZone(), getLocale()));
        }
        return getTranslation(
                "reconciliation.imported",
                result.read(),
                result.added(),
                result.changed(),
                result.unchanged(),
                result.skipped());
    }

    private Grid<FigureRow> createFigures() {
        figures.setId("reconciliation-figures");
        figures.setAriaLabel(getTranslation("reconciliation.title"));
        figures.addThemeVariants(GridVariant.LUMO_COMPACT);
        figures.setAllRowsVisible(true);
        // Columns as wide as their content (cost.css makes the font smaller on a phone): all four fit
        // side by side there, none cut off or scrolled away.
        figures.addClassName("reconciliation-figures");
        figures.addClassName(LumoUtility.MaxWidth.SCREEN_MEDIUM);
        figures.addColumn(row -> getTranslation("reconciliation.figure." + row.key()))
                .setHeader(getTranslation("reconciliation.col.figure"))
                .setKey("figure")
                .setAutoWidth(true)
                .setFlexGrow(2);
        figures.addColumn(row -> value(row.ours(), row.oursUnpriced(), row.money()))
                .setHeader(getTranslation("reconciliation.col.ours"))
                .setKey("ours")
                .setAutoWidth(true)
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        figures.addColumn(row -> value(row.gateway(), row.gatewayUnpriced(), row.money()))
                .setHeader(getTranslation("reconciliation.col.gateway"))
                .setKey("gateway")
                .setAutoWidth(true)
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        figures.addColumn(row -> value(row.gateway() - row.ours(), 0, row.money()))
                .setHeader(getTranslation("reconciliation.col.difference"))
                .setKey("difference")
                .setAutoWidth(true)
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        return figures;
    }

    private String value(long amount, long unpriced, boolean money) {
        var text = money
                ? MetricFormat.money(Cost.shown(Cost.amount(amount), currency), currency, getLocale())
                : MetricFormat.count(amount, getLocale());
        return unpriced == 0
                ? text
                : getTranslation("reconciliation.unpriced", text, MetricFormat.count(unpriced, getLocale()));
    }

    private void refresh() {
        var chosen = gateway.getValue();
        var chosenDay = day.getValue();
        if (chosen == null || chosenDay == null) {
            return;
        }
        if (user.isSupport()) {
            Tenant.run(
                    accountId,
                    () -> repository.logSupportAccess(user.id(), accountId, ACTION_VIEW, OffsetDateTime.now(clock)));
        }
        var figuresOfDay = inAccount(() -> repository.reconciliation(accountId, chosen.id(), chosenDay));
        var ours = figuresOfDay.ours();
        var theirs = figuresOfDay.gateway();
        figures.setItems(List.of(
                figure("sent", figuresOfDay, t -> t.sent(), false),
                figure("delivered", figuresOfDay, t -> t.delivered(), false),
                figure("failed", figuresOfDay, t -> t.failed(), false),
                figure("parts", figuresOfDay, t -> t.parts(), false),
                new FigureRow(
                        "cost", ours.costMicros(), theirs.costMicros(), ours.unpriced(), theirs.unpriced(), true)));
        reportState.setText(theirs.sent() == 0 ? getTranslation("reconciliation.no-report") : "");
        reportState.setVisible(theirs.sent() == 0);
        var counts = inAccount(() -> repository.differenceCounts(accountId, chosen.id(), chosenDay));
        differences.removeAll();
        for (var kind : Difference.values()) {
            differences.add(differenceCard(kind, counts.getOrDefault(kind, 0L), chosen, chosenDay));
        }
    }

    private static FigureRow figure(
            String key, Reconciliation figures, ToLongFunction<GatewayReportRepository.Totals> of, boolean money) {
        return new FigureRow(key, of.applyAsLong(figures.ours()), of.applyAsLong(figures.gateway()), 0, 0, money);
    }

    private Div differenceCard(Difference kind, long count, Gateway chosen, LocalDate chosenDay) {
        var label = new Span(getTranslation("reconciliation.diff." + kind.name()));
        var number = new Span(MetricFormat.count(count, getLocale()));
        number.setId("reconciliation-count-" + kind.name());
        number.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.FontWeight.SEMIBOLD);
        var who = new Button(
                getTranslation("reconciliation.who"),
                e -> new DifferencesDialog(this, repository, accountId, chosen, chosenDay, kind, count).open());
        who.setId("reconciliation-who-" + kind.name());
        who.setEnabled(count > 0);
        var card = new Div(label, number, who);
        card.addClassNames(
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Padding.SMALL,
                LumoUtility.Border.ALL,
                LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.MinWidth.NONE,
                "reconciliation-card");
        return card;
    }

    /** Writes the CSV of one kind of difference (the dialog's download); logged for support staff. */
    long writeCsv(Gateway chosen, LocalDate chosenDay, Difference kind, List<String> header, OutputStream out) {
        if (user.isSupport()) {
            Tenant.run(
                    accountId,
                    () -> repository.logSupportAccess(user.id(), accountId, ACTION_CSV, OffsetDateTime.now(clock)));
        }
        return inAccount(() -> ReconciliationCsv.write(
                repository, accountId, chosen.id(), chosenDay, kind, user.timeZone(), header, out));
    }

    AppUser user() {
        return user;
    }

    String currency() {
        return currency;
    }

    /** Support staff read another account: every query of this page names the account it reads. */
    <T> T inAccount(java.util.function.Supplier<T> query) {
        return Tenant.call(accountId, query);
    }

    private LocalDate today() {
        return OffsetDateTime.now(clock).atZoneSameInstant(user.timeZone()).toLocalDate();
    }

    static <T> ValueProvider<T, String> orDash(Function<T, @Nullable String> value) {
        return row -> {
            var text = value.apply(row);
            return text == null ? MetricFormat.NOT_AVAILABLE : text;
        };
    }
}
