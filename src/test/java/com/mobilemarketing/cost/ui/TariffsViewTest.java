package com.mobilemarketing.cost.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.TestUsers;
import com.mobilemarketing.TestUsers.TestUser;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.cost.TariffRepository.Integration;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tariffs page: every tariff with its period and who made it, a new tariff from a chosen day
 * (never overwriting one), and bad input refused with a notification and nothing stored.
 */
class TariffsViewTest extends KaribuTest {

    private TestUsers users;
    private TestUser marketer;

    @BeforeEach
    void signIn() {
        users = new TestUsers(db);
        marketer = users.marketer(FLORA);
        login(marketer.username());
        UI.getCurrent().navigate(TariffsView.class);
    }

    @AfterEach
    void cleanUp() {
        Tenant.runAllAccounts(() -> db.execute("delete from tariff where created_by = ?", marketer.id()));
        users.removeAll();
    }

    @Test
    void listsTheTariffsAndAddsANewPeriodLoggedWithWhoAndWhen() {
        @SuppressWarnings("unchecked")
        Grid<Object> list = _get(Grid.class, spec -> spec.withId("tariffs-list"));
        var before = GridKt._size(list);
        // Flora: two periods of the callback gateway, the other gateway, WhatsApp and Viber.
        assertThat(before).isEqualTo(5);

        @SuppressWarnings("unchecked")
        Select<Integration> integration = _get(Select.class, spec -> spec.withId("tariff-integration"));
        assertThat(integration.getValue().key()).isEqualTo("sms:1");
        var prices = _get(TextArea.class, spec -> spec.withId("tariff-prices"));
        // Prefilled with the current tariff of the integration.
        assertThat(prices.getValue()).isEqualTo("PL 0,075\n* 0,29");
        assertThat(_get(Checkbox.class, spec -> spec.withId("tariff-bills-undelivered"))
                        .getValue())
                .isTrue();

        prices.setValue("PL 0,08\n* 0,29");
        _click(_get(Button.class, spec -> spec.withId("tariff-save")));
        expectNotifications("Zapisano nowy cennik.");

        assertThat(GridKt._size(list)).isEqualTo(before + 1);
        var stored = asAllAccounts(() -> db.fetchSingle("""
                select t.integration, t.valid_from, t.created_at, p.price_micros
                from tariff t join tariff_price p on p.account_id = t.account_id and p.tariff_id = t.id
                where t.created_by = ? and p.country = 'PL'
                """, marketer.id()));
        assertThat(stored.get(0, String.class)).isEqualTo("sms:1");
        assertThat(stored.get(3, Long.class)).isEqualTo(80_000L);
        // The default first day is tomorrow: from local midnight.
        var tomorrow = OffsetDateTime.now(clock)
                .atZoneSameInstant(ZoneId.of("Europe/Warsaw"))
                .toLocalDate()
                .plusDays(1);
        assertThat(stored.get(1, OffsetDateTime.class).toInstant())
                .isEqualTo(tomorrow.atStartOfDay(ZoneId.of("Europe/Warsaw")).toInstant());
        assertThat(stored.get(2, OffsetDateTime.class)).isNotNull();
        // The earlier tariffs are untouched: the new one is a period of its own.
        assertThat(asAllAccounts(() ->
                        queryLong("select count(*) from tariff where account_id = ? and integration = 'sms:1'", FLORA)))
                .isEqualTo(3);
        var changed = GridKt._getFormattedRow(list, 0);
        assertThat(String.join(" ", changed)).contains("Test Marketer " + marketer.id());
    }

    @Test
    void badInputIsRefusedWithANotificationAndNothingChanges() {
        var prices = _get(TextArea.class, spec -> spec.withId("tariff-prices"));
        var save = _get(Button.class, spec -> spec.withId("tariff-save"));

        prices.setValue("PL siedem");
        _click(save);
        expectNotifications(
                "Wiersz 1: „siedem” nie jest ceną od 0 do 1000 z najwyżej czterema miejscami po przecinku.");

        prices.setValue("PL 0,08");
        _get(DatePicker.class, spec -> spec.withId("tariff-start"))
                .setValue(OffsetDateTime.now(clock).toLocalDate().minusDays(3));
        _click(save);
        expectNotifications(
                "Cennik nie może zaczynać się przed dzisiejszym dniem: wcześniejsze wysyłki mają już swój koszt.");

        assertThat(asAllAccounts(() -> queryLong("select count(*) from tariff where created_by = ?", marketer.id())))
                .isZero();
    }
}
