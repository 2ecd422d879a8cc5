package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.AnalyticsRepository.FailureGroup;
import com.mobilemarketing.analytics.AnalyticsRepository.LinkClicks;
import com.mobilemarketing.analytics.RecipientFilter;
import com.mobilemarketing.core.ui.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Paragraph;
import java.util.List;

/** The failure groups (error code, reason, kind) and the link clicks of one message, each with its "Who?" list. */
record AnalyticsTables(AnalyticsPage page) {

    Component createFailureGroups() {
        var m = page.message();
        var section = page.section("analytics.failures.title");
        section.setId("failure-groups");
        if (m.deliveryUnknown()) {
            section.add(new Paragraph(page.tr("analytics.funnel.no-callbacks", m.gatewayName())));
            return section;
        }
        var groups = page.inAccount(() -> page.repository().failureGroups(m.ref()));
        if (groups.isEmpty()) {
            section.add(new Paragraph(page.tr("analytics.failures.none")));
            return section;
        }
        var table = page.whoTable(
                "analytics.failures.code",
                "analytics.failures.reason",
                "analytics.failures.kind",
                "analytics.failures.recipients");
        int i = 0;
        for (FailureGroup group : groups) {
            var code = group.errorCode().isEmpty() ? Formats.NOT_AVAILABLE : group.errorCode();
            var listName = page.tr("analytics.failures.list", code);
            var who = page.whoButton(
                    "failure-who-" + i++,
                    listName,
                    () -> page.dialogs()
                            .open(
                                    page.message(),
                                    RecipientFilter.failureGroup(group.errorCode(), group.permanent()),
                                    listName));
            var row = page.tableRow(
                    false,
                    code,
                    AnalyticsTexts.errorDescription(page.host(), group.errorCode()),
                    page.tr(group.permanent() ? "analytics.failures.permanent" : "analytics.failures.temporary"),
                    Formats.count(group.recipients(), page.locale()),
                    null);
            row.add(AnalyticsPage.cell(who));
            row.addClassName("failure-group");
            table.add(row);
        }
        section.add(table);
        return section;
    }

    Component createLinkClicks() {
        var m = page.message();
        var section = page.section("analytics.links.title");
        section.setId("link-clicks");
        List<LinkClicks> links = page.inAccount(() -> page.repository().linkClicks(m.ref()));
        if (links.isEmpty()) {
            section.add(new Paragraph(page.tr("analytics.links.none")));
            return section;
        }
        var table = page.whoTable(
                "analytics.links.no", "analytics.links.url", "analytics.links.clicks", "analytics.links.unique");
        for (var link : links) {
            var listName = page.tr("analytics.links.list", link.linkNo());
            var who = page.whoButton(
                    "link-who-" + link.linkNo(),
                    listName,
                    () -> page.dialogs().open(page.message(), RecipientFilter.linkClickers(link.linkNo()), listName));
            who.setEnabled(link.uniqueClickers() > 0);
            var row = page.tableRow(
                    false,
                    Short.toString(link.linkNo()),
                    link.url(),
                    Formats.count(link.clicks(), page.locale()),
                    Formats.count(link.uniqueClickers(), page.locale()),
                    null);
            row.add(AnalyticsPage.cell(who));
            row.addClassName("link-row");
            row.setId("link-" + link.linkNo());
            table.add(row);
        }
        section.add(table);
        return section;
    }
}
