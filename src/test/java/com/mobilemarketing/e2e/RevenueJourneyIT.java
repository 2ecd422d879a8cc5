package com.mobilemarketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Revenue beyond the tiles: the attribution settings page, the credited orders of one message with
 * their revenue over time after sending, and the dashboard's charts with revenue; each at desktop
 * and phone width, nothing wider than the screen.
 */
class RevenueJourneyIT extends E2eTest {

    private static final long FLORA = 1;

    @Test
    void theAttributionSettingsPageFitsAndNamesTheSetting() {
        login("marek");
        open("mobile-marketing/settings");
        byId("attribution-settings");
        assertThat(textOf("attribution-current")).isEqualTo("Obecnie: atrybucja: ostatnie kliknięcie, 5 dni");
        waitFor(By.id("attribution-click-days"));
        capture("attribution-settings");
    }

    @Test
    void theCreditedOrdersOfAMessageWithTheirRevenueOverTime() {
        var id = queryLong(
                "select message_id from message_revenue where account_id = ? and orders > 1 order by orders desc, message_id limit 1",
                FLORA);
        login("anna");
        open("mobile-marketing/messages/" + id);
        byId("attributed-orders");
        waitFor(By.cssSelector("#orders-revenue-chart svg"));
        assertThat(normalize(byId("attributed-orders").getText())).contains("atrybucja: ostatnie kliknięcie, 5 dni");
        capture("message-orders", "attributed-orders");
    }

    @Test
    void theDashboardChartsShowRevenueWithTheAttribution() {
        login("anna");
        open("mobile-marketing/dashboard?source=ALL&range=LAST_30_DAYS");
        byId("stats-chart-daily");
        waitFor(By.cssSelector("#stats-chart-daily svg"));
        assertThat(textOf("stats-chart-daily-attribution")).contains("atrybucja: ostatnie kliknięcie, 5 dni");
        assertThat(chartTexts("stats-chart-daily")).contains("zł");
        capture("stats-revenue-charts", "stats-chart-daily");
    }
}
