package com.mobilemarketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The message list: type tabs, filters, search, personalized columns that survive a reload. */
class MessageListJourneyIT extends E2eTest {

    private static final long FLORA = 1;
    private static final long ANNA = 1;

    @Test
    void tabsFiltersAndSearchNarrowTheList() {
        login("anna");
        byId("message-grid");
        byId("message-tabs");

        click("tab-BULK");
        assertGridSize(messages("BULK", null, false, null));
        capture("messages-bulk", "message-list-panel");
        // Header columns line up with the body's, at both widths (they used to be narrower and ran
        // under the column chooser's "+").
        assertThat(misalignedColumns())
                .as("header cells not over their body cells")
                .isEmpty();
        // The default columns fit a 1440 px laptop with the side menu open, measured with the fonts
        // of a Debian machine: no header label cut ("Dostarcz…", "Ka…"), no column under the frozen
        // "Analityka" column or past the screen's edge.
        assertThat(js("const l = document.querySelector('vaadin-app-layout'); return !!(l && l.drawerOpened);"))
                .as("side menu open at desktop width")
                .isEqualTo(true);
        assertGridFits("message-grid", "desktop");
        // All five tabs in view, none behind a scroll arrow ("Wiadomości testowe" was).
        assertThat(tabsOutOfView("message-tabs"))
                .as("tabs out of view (desktop)")
                .isEmpty();
        assertThat(cutPlaceholder("message-search"))
                .as("search placeholder cut (desktop)")
                .isEmpty();
        // A date takes one line (a scheduled one a second for "(zaplanowana)"), not three.
        assertThat(wrappedDates()).as("date cells on more lines than they need").isEmpty();
        assertThat(rowsInView()).as("rows in view at desktop").isGreaterThanOrEqualTo(8);
        resize(PHONE);
        assertThat(tabsOutOfView("message-tabs")).as("tabs out of view (phone)").isEmpty();
        assertThat(cutHeaders("message-grid")).as("cut header labels (phone)").isEmpty();
        assertThat(cutPlaceholder("message-search"))
                .as("search placeholder cut (phone)")
                .isEmpty();
        resize(DESKTOP);
        resize(PHONE);
        assertThat(misalignedColumns())
                .as("header cells not over their body cells (phone)")
                .isEmpty();
        resize(DESKTOP);

        click("tab-RULE");
        assertGridSize(messages("RULE", null, false, null));

        click("filter-mine");
        assertGridSize(messages("RULE", ANNA, false, null));

        click("tab-BULK");
        click("filter-scheduled");
        assertGridSize(messages("BULK", ANNA, true, null));
        click("filter-mine");
        click("filter-scheduled");
        assertGridSize(messages("BULK", null, false, null));

        // A word of a name with Polish letters, typed without them: still found.
        var word = queryString("""
                select split_part(fold_text(name), ' ', 1) from message
                where account_id = ? and type = 'BULK' and name <> fold_text(name)
                  and length(split_part(name, ' ', 1)) >= 4 and split_part(name, ' ', 1) <> split_part(fold_text(name), ' ', 1)
                order by id limit 1
                """, FLORA);
        search(word);
        var found = messages("BULK", null, false, word);
        assertThat(found).isPositive();
        assertGridSize(found);
        capture("messages-search", "message-list-panel");

        search("");
        click("tab-TEST");
        assertGridSize(messages("TEST", null, false, null));
    }

    @Test
    void whoInARowNamesItsMessageAndOpensItsRecipients() {
        login("anna");
        byId("message-grid");
        var who = text("common.who", "pl");
        var button = waitFor(By.cssSelector("#message-grid vaadin-button.who-button"));
        assertThat(normalize(button.getText())).isEqualTo(who);
        var label = button.getAttribute("aria-label");
        assertThat(label).startsWith(who + " — ");
        var name = label.substring(label.indexOf(": ") + 2);
        assertThat(queryLong("select count(*) from message where account_id = ? and name = ?", FLORA, name))
                .as("the Who? button names a message of the account")
                .isPositive();
        // A figure the gateway cannot know is a dash that says why.
        assertThat(driver.findElements(By.cssSelector("#message-grid .not-available")))
                .allSatisfy(dash -> assertThat(dash.getAttribute("aria-label")).isNotBlank());

        click(button);
        byId("who-dialog");
        assertThat((String) js("return document.getElementById('who-dialog').headerTitle"))
                .contains(name);
        click("who-close");
        waitGone("who-dialog");
    }

    @Test
    void personalizedColumnsSurviveAReload() {
        login("kasia");
        byId("columns-button");
        var before = headers();
        assertThat(before).isNotEmpty();

        click("columns-button");
        byId("columns-dialog");
        capture("columns-dialog");
        // Remove the second column and add the first optional one (as the chooser lists them).
        var removes =
                driver.findElements(By.cssSelector("#columns-dialog [id^='columns-remove-'], [id^='columns-remove-']"));
        var adds = driver.findElements(By.cssSelector("[id^='columns-add-']"));
        assertThat(removes).as("remove buttons in the column chooser").hasSizeGreaterThan(1);
        click(removes.get(1));
        waitForVaadin();
        if (!adds.isEmpty()) {
            click(driver.findElements(By.cssSelector("[id^='columns-add-']")).getFirst());
            waitForVaadin();
        }
        click("columns-save");
        waitGone("columns-dialog");
        var changed = waitForHeaders(h -> !h.equals(before));
        // Whatever was added can be scrolled to: no header stays under the frozen "Analityka" column.
        assertThat(columnsNeverInView())
                .as("columns that cannot be scrolled into view")
                .isEmpty();
        assertThat(cutHeaders("message-grid"))
                .as("cut header labels, personalized")
                .isEmpty();

        driver.navigate().refresh();
        waitForVaadin();
        byId("message-grid");
        assertThat(waitForHeaders(h -> h.equals(changed))).isEqualTo(changed);
        capture("messages-personalized", "message-list-panel");

        // Back to the defaults, so the account looks as shipped.
        click("columns-button");
        click("columns-restore");
        click("columns-save");
        waitGone("columns-dialog");
        waitForHeaders(h -> h.equals(before));
    }

    @Test
    void twoAddedColumnsStayInReachAndPersonalizeSaysItIsPerTab() {
        login("piotr");
        byId("personalize-button");
        click("personalize-button");
        byId("columns-dialog");
        assertThat(textOf("columns-per-tab")).contains(text("type.BULK", "pl"));
        byId("columns-all-tabs");
        capture("columns-dialog-per-tab", "columns-dialog");
        click("columns-add-deliveryRate");
        click("columns-add-clickRate");
        click("columns-save");
        waitGone("columns-dialog");
        waitForHeaders(h -> h.contains(text("messages.column.clickRate", "pl")));
        // Ten columns do not all fit 1440 px: the grid scrolls sideways, and the last one (CTR) must
        // come out from under the frozen "Analityka" column, with whole headers.
        assertThat(cutHeaders("message-grid"))
                .as("cut header labels with two added columns")
                .isEmpty();
        assertThat(columnsNeverInView())
                .as("columns that cannot be scrolled into view")
                .isEmpty();
        capture("messages-two-added-columns", "message-list-panel");

        click("columns-button");
        click("columns-restore");
        click("columns-save");
        waitGone("columns-dialog");
    }

    /**
     * With the grid scrolled to its end, the scrolling columns whose header still reaches under a
     * column frozen at the end (or past the grid's edge): those the user can never see.
     */
    @SuppressWarnings("unchecked")
    private List<String> columnsNeverInView() {
        waitForVaadin();
        js("""
                const table = document.getElementById('message-grid').shadowRoot.querySelector('#table');
                table.scrollLeft = table.scrollWidth;
                """);
        js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var hidden = (List<String>) js("""
                const grid = document.getElementById('message-grid');
                const heads = [...grid.shadowRoot.querySelectorAll('thead tr:last-child th')]
                    .filter(th => !th.hidden && th.offsetWidth > 0);
                const label = th => { const slot = th.querySelector('slot');
                    const c = slot && slot.assignedElements({flatten: true})[0]; return c ? c.textContent.trim() : '?'; };
                let right = Math.min(grid.getBoundingClientRect().right, window.innerWidth);
                heads.filter(th => th.hasAttribute('frozen-to-end'))
                    .forEach(th => right = Math.min(right, th.getBoundingClientRect().left));
                const last = heads.filter(th => !th.hasAttribute('frozen-to-end')).pop();
                return last && last.getBoundingClientRect().right > right + 1
                    ? [label(last) + ' ends at ' + Math.round(last.getBoundingClientRect().right) + ', visible up to ' + Math.round(right)]
                    : [];
                """);
        js("document.getElementById('message-grid').shadowRoot.querySelector('#table').scrollLeft = 0");
        return hidden;
    }

    /** Messages of Flora on a tab under the filters, counted straight from the message table. */
    private long messages(String type, Long owner, boolean scheduled, String search) {
        return queryLong("""
                select count(*) from message
                where account_id = ? and type::text = ?
                  and (?::bigint is null or owner_id = ?::bigint)
                  and (not ? or state = 'SCHEDULED' or type = 'TEST')
                  and (?::text is null or fold_text(name) like '%' || fold_text(?::text) || '%')
                """, FLORA, type, owner, owner, scheduled, search, search);
    }

    /** Columns whose header cell does not start and end where the first row's cell does. */
    @SuppressWarnings("unchecked")
    private List<String> misalignedColumns() {
        waitForVaadin();
        return (List<String>) js("""
                const grid = document.getElementById('message-grid');
                const heads = [...grid.shadowRoot.querySelectorAll('thead tr:first-child th')];
                const row = grid.shadowRoot.querySelector('tbody tr');
                const cells = row ? [...row.querySelectorAll('td')] : [];
                const off = [];
                heads.forEach((th, i) => {
                    const h = th.getBoundingClientRect();
                    const b = cells[i] && cells[i].getBoundingClientRect();
                    if (!b || Math.abs(h.left - b.left) > 1 || Math.abs(h.width - b.width) > 1) {
                        off.push(i + ': header ' + Math.round(h.left) + '+' + Math.round(h.width)
                            + ', body ' + (b ? Math.round(b.left) + '+' + Math.round(b.width) : 'none'));
                    }
                });
                return off;
                """);
    }

    /** Date cells that wrap: a date and time needs one line, with "(zaplanowana)" two. */
    @SuppressWarnings("unchecked")
    private List<String> wrappedDates() {
        waitForVaadin();
        return (List<String>) js("""
                const grid = document.getElementById('message-grid');
                const label = th => { const slot = th.querySelector('slot');
                    const c = slot && slot.assignedElements({flatten: true})[0]; return c ? c.textContent.trim() : ''; };
                const heads = [...grid.shadowRoot.querySelectorAll('thead tr:first-child th')];
                const index = heads.findIndex(th => label(th) === arguments[0]);
                if (index < 0) return ['no column ' + arguments[0]];
                const out = [];
                grid.shadowRoot.querySelectorAll('tbody#items tr').forEach(tr => {
                    const td = tr.querySelectorAll('td')[index];
                    const slot = td && td.querySelector('slot');
                    const content = slot && slot.assignedElements({flatten: true})[0];
                    if (!content || !content.textContent.trim() || tr.hidden) return;
                    const range = document.createRange();
                    range.selectNodeContents(content);
                    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
                    const allowed = content.textContent.includes('(') ? 2 : 1;
                    if (lines > allowed) out.push(content.textContent.trim() + ': ' + lines + ' lines');
                });
                return out;
                """, text("messages.column.sentDate", "pl"));
    }

    /** Rows wholly inside the grid's body at the current size. */
    private long rowsInView() {
        waitForVaadin();
        return ((Number) js("""
                const grid = document.getElementById('message-grid');
                const body = grid.shadowRoot.querySelector('#table').getBoundingClientRect();
                const head = grid.shadowRoot.querySelector('thead').getBoundingClientRect();
                return [...grid.shadowRoot.querySelectorAll('tbody#items tr')]
                    .filter(tr => !tr.hidden)
                    .map(tr => tr.getBoundingClientRect())
                    .filter(r => r.height > 0 && r.top >= head.bottom - 1 && r.bottom <= body.bottom + 1).length;
                """)).longValue();
    }

    private void search(String text) {
        var field = byId("message-search").findElement(By.tagName("input"));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!text.isEmpty()) {
            field.sendKeys(text);
        }
        field.sendKeys(Keys.ENTER);
        waitForVaadin();
    }

    private void assertGridSize(long expected) {
        try {
            new WebDriverWait(driver, WAIT).until(d -> gridSize() == expected);
        } catch (TimeoutException e) {
            assertThat(gridSize()).as("rows in #message-grid").isEqualTo(expected);
        }
    }

    private long gridSize() {
        waitForVaadin();
        var size = js("const g = document.getElementById('message-grid'); return g ? g.size : -1;");
        return size == null ? -1 : ((Number) size).longValue();
    }

    /** The grid's visible header texts, left to right. */
    @SuppressWarnings("unchecked")
    private List<String> headers() {
        waitForVaadin();
        return (List<String>) js("""
                const grid = document.getElementById('message-grid');
                if (!grid) return [];
                const row = grid.shadowRoot.querySelector('thead tr');
                if (!row) return [];
                return Array.from(row.querySelectorAll('th'))
                    .filter(th => !th.hidden && th.offsetWidth > 0)
                    .map(th => { const slot = th.querySelector('slot');
                                 return slot ? slot.assignedNodes({flatten: true}).map(n => n.textContent).join('').trim() : ''; });
                """);
    }

    private List<String> waitForHeaders(java.util.function.Predicate<List<String>> check) {
        try {
            return new WebDriverWait(driver, WAIT).until(d -> {
                var current = headers();
                return check.test(current) ? current : null;
            });
        } catch (TimeoutException e) {
            throw new AssertionError("grid headers did not change as expected: " + headers(), e);
        }
    }
}
