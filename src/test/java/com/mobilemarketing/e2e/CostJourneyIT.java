package com.mobilemarketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What sending cost: the cost tile of the stats panel in złoty with cost per order and ROAS, and the
 * tariffs page with every tariff of the account's integrations and the form for a new one.
 */
class CostJourneyIT extends E2eTest {

    @Test
    void theDashboardShowsTheCostAndTheTariffsPageListsTheTariffs() {
        login("anna");
        byId("tile-cost");
        choose("stats-range", text("range.LAST_30_DAYS", "pl"));
        assertThat(waitForText("tile-cost-value", t -> t.endsWith("zł"))).isNotNull();
        assertThat(textOf("tile-cost-rate")).startsWith("Koszt na zamówienie:").contains("ROAS:");
        assertThat(textOf("tile-cost-note")).isEqualTo(text("stats.cost.note", "pl"));
        capture("cost-tile", "stats-tiles");

        open("mobile-marketing/tariffs");
        waitFor(org.openqa.selenium.By.id("tariffs-list"));
        assertThat(bodyText()).contains("SMSAPI").contains("WhatsApp").contains("PL MARKETING 0,24");
        assertThat(textOf("tariff-prices")).isNotNull();
        capture("tariffs");
    }
}
