package com.mobilemarketing.settings.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.TestUsers;
import com.mobilemarketing.core.metrics.Attribution;
import com.mobilemarketing.core.metrics.AttributionRepository;
import com.mobilemarketing.dashboard.ui.DashboardView;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attribution settings of an account: a marketer changes the model and windows, the change is
 * logged with who and when, the account's orders are re-attributed (equal to the recount from raw
 * orders and recipients) and every revenue figure names the new setting; bad input changes nothing.
 */
class AttributionSettingsViewTest extends KaribuTest {

    /** Orders whose stored attribution differs from the recount, and rollup rows that differ from theirs. */
    private static final String DIFFERENCES = """
            select (select count(*) from (
                      (select order_id, message_id, touch, revenue_minor from order_attribution where account_id = ?
                       except all
                       select order_id, message_id, touch, revenue_minor from order_attribution_recount where account_id = ?)
                      union all
                      (select order_id, message_id, touch, revenue_minor from order_attribution_recount where account_id = ?
                       except all
                       select order_id, message_id, touch, revenue_minor from order_attribution where account_id = ?)) d)
                 + (select count(*) from (
                      (select day, channel, type, counted, orders, revenue_minor, unconverted from revenue_daily
                       where account_id = ? and orders <> 0
                       except all
                       select day, channel, type, counted, orders, revenue_minor, unconverted from revenue_daily_recount
                       where account_id = ?)
                      union all
                      (select day, channel, type, counted, orders, revenue_minor, unconverted from revenue_daily_recount
                       where account_id = ?
                       except all
                       select day, channel, type, counted, orders, revenue_minor, unconverted from revenue_daily
                       where account_id = ? and orders <> 0)) r)""";

    private TestUsers users;
    private TestUsers.TestUser marketer;

    @BeforeEach
    void signIn() {
        users = new TestUsers(db);
        marketer = users.marketer(SPORT);
        login(marketer.username());
        UI.getCurrent().navigate(AttributionSettingsView.class);
    }

    /** Back to the defaults (no setting row): the delete re-attributes the orders as before. */
    @AfterEach
    void restoreTheDefaults() {
        asAllAccounts(() -> {
            db.execute("delete from attribution_setting where account_id = ?", SPORT);
            db.execute("delete from attribution_setting_change where account_id = ?", SPORT);
            return null;
        });
        users.removeAll();
    }

    @Test
    void aMarketerChangesTheSettingWhichIsLoggedAndReattributesTheOrders() {
        assertThat(text("attribution-current")).isEqualTo("Obecnie: atrybucja: ostatnie kliknięcie, 5 dni");
        assertThat(model().getValue()).isEqualTo(Attribution.Model.LAST_CLICK);
        assertThat(clickDays().getValue()).isEqualTo(5);
        assertThat(viewHours().getValue()).isEqualTo(24);
        var creditedBefore = credited();

        HasValueUtilsKt._setValue(model(), Attribution.Model.LAST_TOUCH);
        HasValueUtilsKt._setValue(clickDays(), 2);
        HasValueUtilsKt._setValue(viewHours(), 96);
        _click(_get(Button.class, spec -> spec.withId("attribution-save")));

        assertThat(NotificationsKt.getNotifications())
                .singleElement()
                .satisfies(n -> assertThat(n.getElement().getProperty("text"))
                        .contains("atrybucja: ostatni kontakt, 4 dni")
                        .contains("przypisano na nowo"));
        assertThat(asAllAccounts(() -> queryStrings(
                        "select model || '/' || click_window_hours::text || '/' || view_window_hours::text from attribution_setting where account_id = ?",
                        SPORT)))
                .containsExactly("LAST_TOUCH/48/96");
        // Logged with who and when.
        assertThat(asAllAccounts(() -> queryStrings(
                        "select changed_by::text || '/' || changed_by_name || '/' || model || '/' || click_window_hours::text "
                                + "|| '/' || view_window_hours::text || '/' || (changed_at = ?::timestamptz)::text "
                                + "from attribution_setting_change where account_id = ?",
                        java.time.OffsetDateTime.now(clock),
                        SPORT)))
                .containsExactly(marketer.id() + "/Test Marketer " + marketer.id() + "/LAST_TOUCH/48/96/true");
        @SuppressWarnings("unchecked")
        Grid<AttributionRepository.Change> changes = _get(Grid.class, spec -> spec.withId("attribution-changes"));
        assertThat(GridKt._size(changes)).isEqualTo(1);
        assertThat(GridKt._getFormattedRow(changes, 0))
                .contains("Test Marketer " + marketer.id())
                .contains("ostatni kontakt · kliknięcie w ciągu 2 dni · odczyt (SMS: doręczenie) w ciągu 4 dni");
        assertThat(text("attribution-current")).isEqualTo("Obecnie: atrybucja: ostatni kontakt, 4 dni");

        // The orders follow the new setting at once, equal to the recount from the raw rows.
        assertThat(differences()).isZero();
        assertThat(credited()).isNotEqualTo(creditedBefore);

        // Every revenue figure of the dashboard names the new setting.
        UI.getCurrent().navigate(DashboardView.class);
        for (var id : List.of(
                "tile-revenue-note",
                "stats-channel-attribution",
                "stats-chart-daily-attribution",
                "stats-chart-channels-attribution")) {
            assertThat(text(id)).as(id).contains("atrybucja: ostatni kontakt, 4 dni");
        }
    }

    @Test
    void badInputIsRefusedWithANotificationAndChangesNothing() {
        var creditedBefore = credited();
        for (var days : new Integer[] {0, 91, null}) {
            assertRefused(clickDays(), days);
        }
        HasValueUtilsKt._setValue(clickDays(), 5);
        for (var hours : new Integer[] {-1, 721}) {
            assertRefused(viewHours(), hours);
        }
        // Saving the same setting changes nothing either.
        HasValueUtilsKt._setValue(viewHours(), 24);
        NotificationsKt.clearNotifications();
        _click(_get(Button.class, spec -> spec.withId("attribution-save")));
        assertThat(NotificationsKt.getNotifications())
                .singleElement()
                .satisfies(n -> assertThat(n.getElement().getProperty("text")).contains("nic nie zmieniono"));

        assertThat(asAllAccounts(
                        () -> queryLong("select count(*) from attribution_setting where account_id = ?", SPORT)))
                .isZero();
        assertThat(asAllAccounts(
                        () -> queryLong("select count(*) from attribution_setting_change where account_id = ?", SPORT)))
                .isZero();
        assertThat(credited()).isEqualTo(creditedBefore);
    }

    @Test
    void supportStaffCannotOpenIt() {
        // Signing in reloads the page shown, the settings: support staff are refused by the view's roles.
        assertThatThrownBy(() -> login("support")).hasMessageContaining("Access is denied");
    }

    /** Saving with {@code value} in {@code field} is refused with a notification. */
    private static void assertRefused(IntegerField field, Integer value) {
        NotificationsKt.clearNotifications();
        HasValueUtilsKt._setValue(field, value);
        _click(_get(Button.class, spec -> spec.withId("attribution-save")));
        assertThat(NotificationsKt.getNotifications())
                .as("%s %s", field.getId().orElseThrow(), value)
                .singleElement()
                .satisfies(n -> assertThat(n.getElement().getProperty("text")).startsWith("Nie zapisano"));
    }

    private long differences() {
        return asAllAccounts(() -> queryLong(DIFFERENCES, SPORT, SPORT, SPORT, SPORT, SPORT, SPORT, SPORT, SPORT));
    }

    /** Which message each order is credited to, as one text. */
    private List<String> credited() {
        return asAllAccounts(() -> queryStrings(
                "select order_id || ':' || message_id::text || ':' || touch from order_attribution where account_id = ? order by 1",
                SPORT));
    }

    @SuppressWarnings("unchecked")
    private static RadioButtonGroup<Attribution.Model> model() {
        return _get(RadioButtonGroup.class, spec -> spec.withId("attribution-model"));
    }

    private static IntegerField clickDays() {
        return _get(IntegerField.class, spec -> spec.withId("attribution-click-days"));
    }

    private static IntegerField viewHours() {
        return _get(IntegerField.class, spec -> spec.withId("attribution-view-hours"));
    }

    private static String text(String id) {
        return _get(Component.class, spec -> spec.withId(id)).getElement().getText();
    }
}
