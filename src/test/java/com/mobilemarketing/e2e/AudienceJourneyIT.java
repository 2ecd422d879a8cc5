package com.mobilemarketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The audience on the stats panel: unique recipients of the range ("≈" with its bound) and the
 * channel overlap of today's opt-ins as bars and parts, each part's "Who?" list opening.
 */
class AudienceJourneyIT extends E2eTest {

    @Test
    void theDashboardShowsUniqueRecipientsAndTheChannelOverlapWithWho() {
        login("anna");
        byId("stats-overlap");
        choose("stats-range", text("range.LAST_30_DAYS", "pl"));
        assertThat(waitForText("stats-unique", t -> t.startsWith("≈ ")))
                .contains(" ± ")
                .endsWith("%");
        assertThat(textOf("stats-overlap-title")).isEqualTo(text("stats.overlap.title", "pl"));
        assertThat(chartTexts("stats-overlap-chart")).contains("SMS i WhatsApp").contains("Tylko Viber");
        assertThat(textOf("overlap-count-ALL_THREE")).matches("\\d[\\d\\s\\u00a0\\u202f]*");
        capture("audience", "stats-overlap");

        click("overlap-who-SMS_WHATSAPP");
        waitFor(org.openqa.selenium.By.id("optin-grid"));
        assertThat(textOf("optin-dialog-count")).startsWith("Razem: ");
        click("optin-close");
        waitGone("optin-dialog");
    }
}
