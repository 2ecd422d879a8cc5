package com.mobilemarketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The gateway reconciliation: the demo's report of the last day against our figures, with its
 * planted differences, and the "Who?" list of the messages whose status differs.
 */
class ReconciliationJourneyIT extends E2eTest {

    @Test
    void theDemoReportIsReconciledWithItsDifferencesAndWho() {
        login("anna");
        open("mobile-marketing/reconciliation");
        waitFor(By.id("reconciliation-figures"));
        assertThat(waitForText("reconciliation-count-UNKNOWN_TO_US", t -> !t.isBlank()))
                .isEqualTo("2");
        assertThat(bodyText())
                .contains(text("reconciliation.diff.STATUS", "pl"))
                .contains(text("reconciliation.report", "pl"))
                .contains("zł");
        capture("reconciliation");

        click("reconciliation-who-STATUS");
        waitFor(By.id("differences-grid"));
        assertThat(bodyText()).contains(text("reconciliation.col.gateway-status", "pl"));
        capture("reconciliation-who");
    }
}
