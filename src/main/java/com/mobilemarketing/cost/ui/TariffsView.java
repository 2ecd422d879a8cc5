package com.mobilemarketing.cost.ui;

import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.cost.InvalidTariffException;
import com.mobilemarketing.cost.TariffPrices;
import com.mobilemarketing.cost.TariffRepository;
import com.mobilemarketing.cost.TariffRepository.Integration;
import com.mobilemarketing.cost.TariffRepository.NewTariff;
import com.mobilemarketing.cost.TariffRepository.Tariff;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Channels → Mobile Marketing → Tariffs: what each sending integration of the account costs. The
 * list is every tariff with its validity period and who made it when (tariffs are never overwritten,
 * so it is also the log of changes); the form adds a new tariff from a chosen day, prefilled with the
 * integration's current one. Marketers of the account only.
 */
@RolesAllowed("MARKETER")
@Menu(order = 3, title = "nav.tariffs", icon = "MONEY")
@Route(TariffsView.ROUTE)
public class TariffsView extends VerticalLayout implements HasDynamicTitle {

    public static final String ROUTE = "mobile-marketing/tariffs";
    private final Grid<Tariff> tariffs = new Grid<>();
    private final TariffRepository repository;
    private final Clock clock;
    private final AppUser user;
    private final long accountId;
    private final List<Integration> integrations;
    private final Map<String, Integration> byKey;
    private final Select<Integration> integration = new Select<>();
    private final DatePicker startDay = new DatePicker();
    private final Checkbox billsUndelivered = new Checkbox();
    private final TextArea prices = new TextArea();

    public TariffsView(TariffRepository repository, Clock clock, CurrentUser currentUser) {
        this.repository = repository;
        this.clock = clock;
        this.user = currentUser.get();
        this.accountId = user.requireAccountId();
        this.integrations = repository.integrations(accountId);
        this.byKey = integrations.stream().collect(Collectors.toMap(Integration::key, Function.identity()));
        setId("tariffs-view");
        addClassName(LumoUtility.Padding.MEDIUM);
        CostPage.addHeader(this, "tariffs.title", "tariffs.intro");
        add(createList(), createForm());
        reload();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("tariffs.title");
    }

    private Grid<Tariff> createList() {
        tariffs.setId("tariffs-list");
        tariffs.setAriaLabel(getTranslation("tariffs.title"));
        tariffs.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        tariffs.setAllRowsVisible(true);
        tariffs.addColumn(t -> integrationName(t.integration()))
                .setHeader(getTranslation("tariffs.column.integration"))
                .setKey("integration")
                .setAutoWidth(true);
        tariffs.addColumn(t -> dateTime(t.validFrom()))
                .setHeader(getTranslation("tariffs.column.from"))
                .setKey("from")
                .setAutoWidth(true);
        tariffs.addColumn(t -> t.validUntil() == null ? getTranslation("tariffs.until.open") : dateTime(t.validUntil()))
                .setHeader(getTranslation("tariffs.column.until"))
                .setKey("until")
                .setAutoWidth(true);
        tariffs.addColumn(t -> TariffPrices.format(t.prices(), getLocale()).replace("\n", " · "))
                .setHeader(getTranslation("tariffs.column.prices"))
                .setKey("prices")
                .setFlexGrow(3);
        tariffs.addColumn(t -> getTranslation(
                        t.billsUndelivered() ? "tariffs.undelivered.billed" : "tariffs.undelivered.free"))
                .setHeader(getTranslation("tariffs.column.undelivered"))
                .setKey("undelivered")
                .setAutoWidth(true);
        tariffs.addColumn(t -> getTranslation("tariffs.changed", t.createdBy(), dateTime(t.createdAt())))
                .setHeader(getTranslation("tariffs.column.changed"))
                .setKey("changed")
                .setAutoWidth(true);
        return tariffs;
    }

    private VerticalLayout createForm() {
        var heading = new H3(getTranslation("tariffs.new"));
        heading.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        integration.setId("tariff-integration");
        integration.setLabel(getTranslation("tariffs.column.integration"));
        integration.setItems(integrations);
        integration.setItemLabelGenerator(
                i -> i.name() + " (" + getTranslation("channel." + i.channel().name()) + ")");
        integration.addValueChangeListener(e -> prefill());
        startDay.setId("tariff-start");
        startDay.setLabel(getTranslation("tariffs.start"));
        startDay.setHelperText(getTranslation("tariffs.start.help"));
        startDay.setLocale(getLocale());
        billsUndelivered.setId("tariff-bills-undelivered");
        billsUndelivered.setLabel(getTranslation("tariffs.bills-undelivered"));
        prices.setId("tariff-prices");
        prices.setLabel(getTranslation("tariffs.prices"));
        prices.setMinRows(3);
        prices.setWidthFull();
        var save = new Button(getTranslation("tariffs.save"), e -> save());
        save.setId("tariff-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var fields = new HorizontalLayout(integration, startDay);
        fields.addClassName(LumoUtility.FlexWrap.WRAP);
        fields.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        var form = new VerticalLayout(heading, fields, billsUndelivered, prices, save);
        form.setPadding(false);
        form.addClassName(LumoUtility.MaxWidth.SCREEN_MEDIUM);
        if (!integrations.isEmpty()) {
            integration.setValue(integrations.getFirst());
        }
        startDay.setValue(OffsetDateTime.now(clock)
                .atZoneSameInstant(user.timeZone())
                .toLocalDate()
                .plusDays(1));
        return form;
    }

    /** The integration's current tariff as the starting point of the new one. */
    private void prefill() {
        var chosen = integration.getValue();
        if (chosen == null) {
            return;
        }
        var now = OffsetDateTime.now(clock);
        var current = repository.tariffs(accountId).stream()
                .filter(t ->
                        t.integration().equals(chosen.key()) && !t.validFrom().isAfter(now))
                .findFirst();
        billsUndelivered.setValue(current.map(Tariff::billsUndelivered).orElse(!chosen.byCategory()));
        prices.setValue(
                current.map(t -> TariffPrices.format(t.prices(), getLocale())).orElse(""));
        prices.setHelperText(
                getTranslation(chosen.byCategory() ? "tariffs.prices.help.category" : "tariffs.prices.help"));
    }

    private void save() {
        var chosen = integration.getValue();
        try {
            if (chosen == null || startDay.getValue() == null) {
                throw new InvalidTariffException("tariffs.error.incomplete");
            }
            var parsed = TariffPrices.parse(prices.getValue(), chosen.byCategory());
            repository.create(
                    accountId,
                    user.id(),
                    user.timeZone(),
                    OffsetDateTime.now(clock),
                    new NewTariff(chosen.key(), startDay.getValue(), billsUndelivered.getValue(), parsed));
        } catch (InvalidTariffException e) {
            Notification.show(getTranslation(e.key(), e.arguments()), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        Notification.show(getTranslation("tariffs.saved"), 4000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        reload();
    }

    private void reload() {
        tariffs.setItems(repository.tariffs(accountId));
    }

    private String integrationName(String key) {
        var found = byKey.get(key);
        return found == null
                ? key
                : found.name() + " ("
                        + getTranslation("channel." + found.channel().name()) + ")";
    }

    private String dateTime(OffsetDateTime time) {
        return Formats.dateTime(time, user.timeZone(), getLocale());
    }
}
