package com.mobilemarketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.interactions.Actions;

/**
 * The stats panel at the top of the dashboard: every tile shows exactly what a recount of the raw
 * recipient rows gives, for the source and range the user picks; "Who?" opens the opt-in list.
 */
class StatsJourneyIT extends E2eTest {

    private static final long FLORA = 1;

    @Test
    void tilesShowTheRecountedNumbersForSourceAndRange() {
        login("anna");
        byId("stats-source");

        choose("stats-source", text("channel.ALL", "pl"));
        choose("stats-range", text("range.LAST_30_DAYS", "pl"));
        var all = recount(null, 30);
        assertThat(all[0]).as("demo data has traffic in the last 30 days").isPositive();
        assertTile("tile-sent-value", count(all[0], POLISH));
        assertTile("tile-delivered-value", count(all[1], POLISH));
        assertTile("tile-opened-value", count(all[2], POLISH));
        assertTile("tile-clicked-value", count(all[3], POLISH));
        // Revenue on the dashboard: the orders tile equals the orders credited in the 30 days' cohorts,
        // the revenue tile is money in złoty and says which attribution it is read with (read before
        // the chart's table opens below and scrolls the tiles out of view).
        js("arguments[0].scrollIntoView()", byId("tile-orders"));
        assertTile("tile-orders-value", count(ordersRecount(30), POLISH));
        assertThat(waitForText("tile-revenue-value", t -> t.endsWith("zł"))).isNotNull();
        assertThat(textOf("tile-revenue-note")).startsWith("atrybucja: ostatnie kliknięcie, 5 dni");
        // Charts come with their numbers as a table (the text alternative), built when its "Data"
        // details are opened.
        click(waitFor(org.openqa.selenium.By.cssSelector("#stats-chart-daily-data summary")));
        waitForVaadin();
        assertThat(waitFor(org.openqa.selenium.By.cssSelector("#stats-chart-daily-data table"))
                        .getText())
                .isNotBlank();
        capture("stats-all-30-days");
        // Chart axes write numbers as the rest of the page: Polish groups thousands with a space.
        var axisTexts = chartTexts("stats-chart-daily");
        assertThat(axisTexts).as("texts of the daily chart").containsPattern("\\d[\u00a0\u202f ]\\d{3}");
        assertThat(axisTexts).as("texts of the daily chart").doesNotContainPattern("\\d,\\d{3}");

        choose("stats-source", text("channel.SMS", "pl"));
        choose("stats-range", text("range.LAST_7_DAYS", "pl"));
        var sms = recount("SMS", 7);
        assertTile("tile-sent-value", count(sms[0], POLISH));
        assertTile("tile-delivered-value", count(sms[1], POLISH));
        // SMS has no open signal: a dash, never a fake zero.
        assertTile("tile-opened-value", "—");
        assertTile("tile-clicked-value", count(sms[3], POLISH));
        assertThat(driver.getCurrentUrl())
                .as("source and range are kept in the URL")
                .contains("?");
        capture("stats-sms-7-days");

        choose("stats-source", text("channel.WHATSAPP", "pl"));
        var whatsapp = recount("WHATSAPP", 7);
        assertTile("tile-sent-value", count(whatsapp[0], POLISH));
        assertTile("tile-opened-value", count(whatsapp[2], POLISH));
    }

    @Test
    void aCustomRangeComparedWithLastYearAndTheHeatMap() {
        login("anna");
        byId("stats-compare");
        // The last 60 local days as a custom range, from a bookmarkable link.
        var today = java.time.LocalDate.ofEpochDay(
                queryLong("select ((now() at time zone 'Europe/Warsaw')::date - date '1970-01-01')::bigint"));
        var first = today.minusDays(59);
        open("mobile-marketing/dashboard?source=ALL&range=CUSTOM&from=" + first + "&to=" + today
                + "&compare=PREVIOUS_YEAR");
        assertThat(textOf("stats-range")).contains(text("range.CUSTOM", "pl"));
        var all = recount(null, 60);
        assertTile("tile-sent-value", count(all[0], POLISH));
        assertTile("tile-clicked-value", count(all[3], POLISH));
        assertThat(textOf("tile-sent-change")).isNotBlank();
        capture("stats-custom-range");

        // Choosing the range in the panel keeps it in the URL.
        choose("stats-compare", text("stats.compare.PREVIOUS_PERIOD", "pl"));
        assertThat(driver.getCurrentUrl())
                .contains("range=CUSTOM")
                .contains("from=" + first)
                .contains("compare=PREVIOUS_PERIOD");

        // When to send: the best window in words, the heat map and its table.
        assertThat(waitForText("stats-heatmap-best", text -> !text.isBlank())).isNotBlank();
        click(waitFor(By.cssSelector("#stats-heatmap-data summary")));
        waitForVaadin();
        assertThat(waitFor(By.cssSelector("#stats-heatmap-data table")).getText())
                .isNotBlank();
        chartTexts("stats-heatmap");
        capture("stats-heatmap", "stats-heatmap-card");
    }

    @Test
    void whoOpensTheOptInList() {
        login("anna");
        byId("optin-who");
        var who = byId("optin-who");
        assertThat(who.getAttribute("aria-label") + " " + who.getText())
                .as("the Who? button has an accessible name")
                .isNotBlank();
        click(who);
        byId("optin-dialog");
        waitFor(By.cssSelector("#optin-grid vaadin-grid-cell-content"));
        // The e-mails and consent dates the dialog is about are whole, every column in view.
        assertGridFits("optin-grid", "desktop");
        assertThat(cutCells("optin-grid")).as("cut cells of the opt-in list").isEmpty();
        capture("optin-dialog");
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        waitGone("optin-dialog");
    }

    /** Sent, delivered, opened, clicked of Flora's recipients sent in the last {@code days} local days. */
    private long[] recount(String channel, int days) {
        return queryLongs("""
                select count(*), count(r.delivered_at), count(r.opened_at), count(r.clicked_at)
                from message_recipient r
                join message m on m.account_id = r.account_id and m.id = r.message_id
                join account a on a.id = r.account_id
                left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
                where r.account_id = ?
                  and r.sent_at is not null
                  and m.type <> 'TEST'
                  and (m.channel <> 'SMS' or g.supports_callbacks)
                  and (?::text is null or m.channel::text = ?::text)
                  and (r.sent_at at time zone a.time_zone)::date
                      between (now() at time zone a.time_zone)::date - ? and (now() at time zone a.time_zone)::date
                """, FLORA, channel, channel, days - 1);
    }

    /** Orders credited to counted, non-test messages sent in the last {@code days} local days. */
    private long ordersRecount(int days) {
        return queryLongs(
                "select count(*) from order_attribution o join account a on a.id = o.account_id "
                        + "where o.account_id = ? and o.counted and o.type <> 'TEST' "
                        + "and o.day between (now() at time zone a.time_zone)::date - ? "
                        + "and (now() at time zone a.time_zone)::date",
                FLORA,
                days - 1)[0];
    }

    private void assertTile(String id, String expected) {
        try {
            waitForText(id, expected::equals);
        } catch (TimeoutException e) {
            assertThat(textOf(id)).as(id).isEqualTo(expected);
        }
    }
}
