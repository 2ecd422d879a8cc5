package com.mobilemarketing.alerts.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.TestMessages;
import com.mobilemarketing.TestUsers;
import com.mobilemarketing.alerts.AlertKind;
import com.mobilemarketing.alerts.AlertRounds;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.i18n.TranslationProvider;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The alert rules page of a marketer's account: the defaults, a switched-off rule and a changed
 * threshold saved with who and when, bad values refused with a notification and nothing saved, and
 * the next round applying what was saved.
 */
class AlertRulesViewTest extends KaribuTest {

    private static final Instant ROUND = Instant.parse("2026-12-20T12:00:00Z");

    @Autowired
    private AlertRounds rounds;

    private TestUsers users;
    private TestMessages messages;

    @BeforeEach
    void ownUsersAndDefaultRules() {
        users = new TestUsers(db);
        messages = new TestMessages(db);
        resetRules();
    }

    @AfterEach
    void removeEverything() {
        messages.removeAll();
        resetRules();
        users.removeAll();
    }

    private void resetRules() {
        Tenant.runAllAccounts(() -> {
            db.execute("delete from alert");
            db.execute("delete from alert_rule_change");
            db.execute("delete from alert_rule");
            db.execute("delete from alert_recipient");
            db.execute("update alert_round set minute = '2000-01-01 00:00:00+00'");
        });
    }

    @Test
    void listsTheFourRulesWithTheirDefaults() {
        open(FLORA);
        assertThat(threshold(AlertKind.DELIVERY_RATE_DROP).getValue()).isEqualTo(15);
        assertThat(threshold(AlertKind.ERROR_CODE_SPIKE).getValue()).isEqualTo(10);
        assertThat(threshold(AlertKind.CALLBACKS_STOPPED).getValue()).isEqualTo(30);
        assertThat(threshold(AlertKind.FOLD_BACKLOG).getValue()).isEqualTo(5);
        for (var kind : AlertKind.values()) {
            assertThat(enabled(kind).getValue()).isTrue();
            assertThat(changed(kind)).isEqualTo("Ustawienia domyślne");
        }
        assertThat(threshold(AlertKind.DELIVERY_RATE_DROP).getHelperText())
                .isEqualTo("Domyślnie 15 p.p.; dozwolone od 1 p.p. do 90 p.p.");
        assertThat(threshold(AlertKind.CALLBACKS_STOPPED).getHelperText())
                .startsWith("Domyślnie 30 min; dozwolone od 10 min do 1")
                .endsWith("440 min");
        assertThat(GridKt._size(changes())).isZero();
    }

    @Test
    void savedChangesAreLoggedWithWhoAndWhenAndBadValuesChangeNothing() {
        var marketer = open(FLORA);

        HasValueUtilsKt._setValue(threshold(AlertKind.DELIVERY_RATE_DROP), 20);
        _click(save(AlertKind.DELIVERY_RATE_DROP));
        HasValueUtilsKt._setValue(enabled(AlertKind.CALLBACKS_STOPPED), false);
        _click(save(AlertKind.CALLBACKS_STOPPED));

        assertThat(rules(FLORA)).containsExactly("CALLBACKS_STOPPED false 30", "DELIVERY_RATE_DROP true 0.20");
        assertThat(Tenant.allAccounts(() -> queryStrings(
                        "select kind || ' ' || enabled || ' ' || threshold || ' ' || changed_by || ' ' || changed_at "
                                + "from alert_rule_change where account_id = ? order by id",
                        FLORA)))
                .containsExactly(
                        "DELIVERY_RATE_DROP true 0.20 " + marketer.id() + " " + clockText(),
                        "CALLBACKS_STOPPED false 30 " + marketer.id() + " " + clockText());
        var log = changes();
        assertThat(GridKt._size(log)).isEqualTo(2);
        var newest = GridKt._getFormattedRow(log, 0);
        assertThat(newest)
                .contains("Test Marketer " + marketer.id(), "Brak raportów doręczeń (callbacków)", "wyłączona");
        assertThat(GridKt._getFormattedRow(log, 1)).contains("Spadek wskaźnika dostarczenia", "20 p.p.");
        assertThat(changed(AlertKind.DELIVERY_RATE_DROP)).startsWith("Ostatnia zmiana: Test Marketer " + marketer.id());
        assertThat(threshold(AlertKind.DELIVERY_RATE_DROP).getValue()).isEqualTo(20);
        assertThat(enabled(AlertKind.CALLBACKS_STOPPED).getValue()).isFalse();

        // Out of bounds, empty, or saved again as it is: a notification each, nothing saved or logged.
        for (var bad : new Integer[] {95, 0, null}) {
            NotificationsKt.clearNotifications();
            HasValueUtilsKt._setValue(threshold(AlertKind.ERROR_CODE_SPIKE), bad);
            _click(save(AlertKind.ERROR_CODE_SPIKE));
            assertThat(NotificationsKt.getNotifications())
                    .singleElement()
                    .satisfies(n -> assertThat(n.getElement().getProperty("text"))
                            .isEqualTo("Nie zapisano reguły „Skok kodu błędu”: próg musi być liczbą całkowitą od 1 p.p."
                                    + " do 90 p.p."));
        }
        NotificationsKt.clearNotifications();
        HasValueUtilsKt._setValue(threshold(AlertKind.FOLD_BACKLOG), 5000);
        _click(save(AlertKind.FOLD_BACKLOG));
        assertThat(NotificationsKt.getNotifications()).hasSize(1);
        NotificationsKt.clearNotifications();
        HasValueUtilsKt._setValue(threshold(AlertKind.DELIVERY_RATE_DROP), 20);
        _click(save(AlertKind.DELIVERY_RATE_DROP));
        assertThat(NotificationsKt.getNotifications())
                .singleElement()
                .satisfies(n -> assertThat(n.getElement().getProperty("text"))
                        .isEqualTo("Bez zmian: Spadek wskaźnika dostarczenia."));
        assertThat(rules(FLORA)).containsExactly("CALLBACKS_STOPPED false 30", "DELIVERY_RATE_DROP true 0.20");
        assertThat(Tenant.allAccounts(
                        () -> queryLong("select count(*) from alert_rule_change where account_id = ?", FLORA)))
                .isEqualTo(2);

        // Another account keeps its defaults.
        assertThat(rules(SPORT)).isEmpty();
        open(SPORT);
        assertThat(threshold(AlertKind.DELIVERY_RATE_DROP).getValue()).isEqualTo(15);
        assertThat(GridKt._size(changes())).isZero();
    }

    @Test
    void addressesGetTheirLanguageAndMalformedOnesAreRefused() {
        open(FLORA);
        assertThat(recipientsShown()).containsExactly("Brak adresów: alerty widać tylko na pulpicie.");
        HasValueUtilsKt._setValue(
                _get(EmailField.class, spec -> spec.withId("alert-recipient-email")), "ola@flora.example.pl");
        _click(_get(Button.class, spec -> spec.withId("alert-recipient-add")));
        HasValueUtilsKt._setValue(
                _get(EmailField.class, spec -> spec.withId("alert-recipient-email")), "john@flora.example.com");
        HasValueUtilsKt._setValue(language(), TranslationProvider.ENGLISH);
        _click(_get(Button.class, spec -> spec.withId("alert-recipient-add")));
        assertThat(recipientsShown()).containsExactly("john@flora.example.comEnglish", "ola@flora.example.plPolski");
        assertThat(recipients()).containsExactly("john@flora.example.com en", "ola@flora.example.pl pl");

        NotificationsKt.clearNotifications();
        HasValueUtilsKt._setValue(_get(EmailField.class, spec -> spec.withId("alert-recipient-email")), "ola at flora");
        _click(_get(Button.class, spec -> spec.withId("alert-recipient-add")));
        assertThat(NotificationsKt.getNotifications())
                .singleElement()
                .satisfies(n -> assertThat(n.getElement().getProperty("text"))
                        .isEqualTo("„ola at flora” to nie jest adres e-mail: nic nie dodano"));
        assertThat(recipients()).hasSize(2);
        NotificationsKt.clearNotifications();
        HasValueUtilsKt._setValue(
                _get(EmailField.class, spec -> spec.withId("alert-recipient-email")), "ola\0@flora.example.pl");
        _click(_get(Button.class, spec -> spec.withId("alert-recipient-add")));
        assertThat(NotificationsKt.getNotifications())
                .as("a NUL character is refused, not sent to the database")
                .singleElement()
                .satisfies(n -> assertThat(n.getElement().getProperty("text")).contains("nic nie dodano"));
        assertThat(recipients()).hasSize(2);

        _click(_get(Button.class, spec -> spec.withId("alert-recipient-remove-john@flora.example.com")));
        assertThat(recipients()).containsExactly("ola@flora.example.pl pl");
        assertThat(recipientsShown()).containsExactly("ola@flora.example.plPolski");
    }

    @Test
    void theNextRoundAppliesWhatWasSaved() {
        // A WhatsApp delivery rate of 100 % over 30 days, 50 % in the last hour.
        deliver(messages.create(FLORA, "WHATSAPP", null, 40, Instant.parse("2026-12-10T10:00:00Z"), true), 40);
        deliver(messages.create(FLORA, "WHATSAPP", null, 40, Instant.parse("2026-12-20T11:20:00Z"), true), 20);
        open(FLORA);

        HasValueUtilsKt._setValue(enabled(AlertKind.DELIVERY_RATE_DROP), false);
        _click(save(AlertKind.DELIVERY_RATE_DROP));
        rounds.round(ROUND);
        assertThat(openDrops()).isZero();

        // On again with a margin larger than the drop: still quiet.
        HasValueUtilsKt._setValue(enabled(AlertKind.DELIVERY_RATE_DROP), true);
        HasValueUtilsKt._setValue(threshold(AlertKind.DELIVERY_RATE_DROP), 60);
        _click(save(AlertKind.DELIVERY_RATE_DROP));
        rounds.round(ROUND.plusSeconds(60));
        assertThat(openDrops()).isZero();

        // A margin below the drop: raised by the next round.
        HasValueUtilsKt._setValue(threshold(AlertKind.DELIVERY_RATE_DROP), 40);
        _click(save(AlertKind.DELIVERY_RATE_DROP));
        rounds.round(ROUND.plusSeconds(120));
        assertThat(openDrops()).isEqualTo(1);
    }

    private TestUsers.TestUser open(long account) {
        var marketer = users.marketer(account);
        login(marketer.username());
        UI.getCurrent().navigate(AlertRulesView.class);
        return marketer;
    }

    private List<String> recipients() {
        return Tenant.allAccounts(() -> queryStrings(
                "select email || ' ' || locale from alert_recipient where account_id = ? order by email", FLORA));
    }

    private static List<String> recipientsShown() {
        return _get(Div.class, spec -> spec.withId("alert-recipients-list"))
                .getChildren()
                .map(c -> c.getElement().getTextRecursively())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Select<Locale> language() {
        return _get(Select.class, spec -> spec.withId("alert-recipient-language"));
    }

    private long openDrops() {
        return Tenant.allAccounts(() -> queryLong(
                "select count(*) from alert where account_id = ? and kind = 'DELIVERY_RATE_DROP' "
                        + "and subject = 'whatsapp' and resolved_at is null",
                FLORA));
    }

    private void deliver(TestMessages.TestMessage message, int count) {
        Tenant.runAllAccounts(() -> db.execute(
                "update message_recipient set delivered_at = sent_at + interval '3 seconds' "
                        + "where account_id = ? and message_id = ? and contact_id = any(?)",
                message.accountId(),
                message.id(),
                message.contacts().subList(0, count).toArray(Long[]::new)));
    }

    private List<String> rules(long account) {
        return Tenant.allAccounts(() -> queryStrings(
                "select kind || ' ' || enabled || ' ' || threshold from alert_rule where account_id = ? order by kind::text",
                account));
    }

    private String clockText() {
        return Tenant.allAccounts(() -> queryValue(
                String.class, "select ?::timestamptz::text", clock.instant().toString()));
    }

    private static String id(AlertKind kind) {
        return "rule-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static IntegerField threshold(AlertKind kind) {
        return _get(IntegerField.class, spec -> spec.withId(id(kind) + "-threshold"));
    }

    private static Checkbox enabled(AlertKind kind) {
        return _get(Checkbox.class, spec -> spec.withId(id(kind) + "-enabled"));
    }

    private static Button save(AlertKind kind) {
        return _get(Button.class, spec -> spec.withId(id(kind) + "-save"));
    }

    private static String changed(AlertKind kind) {
        return _get(Span.class, spec -> spec.withId(id(kind) + "-changed")).getText();
    }

    @SuppressWarnings("unchecked")
    private static Grid<Object> changes() {
        return _get(Grid.class, spec -> spec.withId("alert-rule-changes"));
    }
}
