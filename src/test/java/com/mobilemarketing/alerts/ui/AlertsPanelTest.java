package com.mobilemarketing.alerts.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.Poll;
import com.mobilemarketing.analytics.ui.SupportView;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.live.LiveUpdates;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.dashboard.ui.DashboardView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The badge and list of open alerts on the dashboard, pushed live; every account's on the Support page. */
class AlertsPanelTest extends KaribuTest {

    @Autowired
    private LiveUpdates liveUpdates;

    @BeforeEach
    @AfterEach
    void noAlerts() {
        Tenant.runAllAccounts(() -> db.execute("delete from alert"));
    }

    @Test
    void theDashboardShowsTheAccountsOpenAlertsAndGetsNewOnesPushed() {
        raise(FLORA, "DELIVERY_RATE_DROP", "whatsapp", "", "0.5000", "0.9500");
        login("anna");
        UI.getCurrent().navigate(DashboardView.ROUTE);
        assertThat(text("alerts-badge")).isEqualTo("Alerty: 1");
        assertThat(_get(AlertsPanel.class, spec -> spec.withId("alerts-panel")).texts())
                .singleElement()
                .satisfies(item -> assertThat(item)
                        .contains("Spadek wskaźnika dostarczenia: WhatsApp")
                        .contains("50,0%")
                        .contains("95,0%"));

        // A round raises another one: the open screen shows it without a reload.
        raise(FLORA, "CALLBACKS_STOPPED", "viber", "", "25", "30");
        liveUpdates.changed(new LiveUpdates.Change(FLORA, Set.of(), Instant.now()));
        assertThat(Poll.until(() -> text("alerts-badge"), "Alerty: 2"::equals, () -> MockVaadin.clientRoundtrip(false)))
                .isEqualTo("Alerty: 2");

        // Another account sees none of them.
        login("marek");
        UI.getCurrent().navigate(DashboardView.ROUTE);
        assertThat(text("alerts-badge")).isEqualTo("Brak alertów");
    }

    @Test
    void supportSeesEveryAccountsOpenAlerts() {
        raise(FLORA, "ERROR_CODE_SPIKE", "whatsapp", "131026", "0.6667", "0.0100");
        raise(SPORT, "FOLD_BACKLOG", "", "", "1200", "5");
        login("support");
        UI.getCurrent().navigate(SupportView.class);
        var texts = _get(AlertsPanel.class, spec -> spec.withId("alerts-panel")).texts();
        assertThat(texts).hasSize(2);
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("Flora").contains("Skok błędu 131026: WhatsApp"));
        assertThat(texts)
                .anySatisfy(t -> assertThat(t)
                        .contains("Sportowy")
                        .contains(Formats.count(1200, UI.getCurrent().getLocale())));
    }

    private void raise(long account, String kind, String subject, String code, String observed, String expected) {
        Tenant.runAllAccounts(() -> db.execute(
                "insert into alert (account_id, kind, subject, code, observed, expected, raised_at) "
                        + "values (?, ?::alert_kind, ?, ?, ?::numeric, ?::numeric, '2026-12-20T12:00:00Z')",
                account,
                kind,
                subject,
                code,
                observed,
                expected));
    }

    private static String text(String id) {
        return _get(Span.class, spec -> spec.withId(id)).getText();
    }
}
