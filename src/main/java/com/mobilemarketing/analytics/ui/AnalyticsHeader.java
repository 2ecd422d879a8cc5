package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.sms.SmsParts;
import com.mobilemarketing.core.ui.ChannelIcons;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.SafeLinks;
import com.mobilemarketing.db.enums.Channel;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;

/** The head of a message's analytics page: name, channel, type and state, gateway, owner, times, content and links. */
record AnalyticsHeader(AnalyticsPage page) {

    Component createHeader(AppUser user) {
        var m = page.message();
        var header = new Div();
        header.setId("message-header");
        header.addClassName("analytics-header");
        if (user.isSupport()) {
            var banner = new Paragraph(page.tr("analytics.support.banner", m.accountName()));
            banner.setId("support-banner");
            banner.addClassName("support-banner");
            header.add(banner);
        }
        var title = new H2(m.name());
        title.addClassNames(LumoUtility.Margin.Bottom.SMALL);
        var channel = new Span(
                ChannelIcons.icon(m.channel(), page.host()),
                new Span(page.tr("channel." + m.channel().name())));
        channel.addClassNames("analytics-badge", ChannelIcons.cssClass(m.channel()));
        var type = new Span(page.tr("type." + m.type().name()));
        type.addClassName("analytics-badge");
        var state = new Span(page.tr("state." + m.state().name()));
        state.addClassName("analytics-badge");
        var badges = new HorizontalLayout(channel, type, state);
        badges.setAlignItems(FlexComponent.Alignment.CENTER);
        badges.addClassNames(LumoUtility.Gap.SMALL);

        var facts = new Div();
        facts.addClassName("analytics-facts");
        if (m.gatewayName() != null) {
            facts.add(fact(
                    "analytics.header.gateway",
                    m.gatewayName() + " — "
                            + page.tr(
                                    Boolean.TRUE.equals(m.gatewayCallbacks())
                                            ? "analytics.header.callbacks.yes"
                                            : "analytics.header.callbacks.no")));
        }
        facts.add(fact("analytics.header.owner", m.ownerName()));
        if (m.scheduledAt() != null) {
            facts.add(
                    fact("analytics.header.scheduled", Formats.dateTime(m.scheduledAt(), m.timeZone(), page.locale())));
        }
        facts.add(fact(
                "analytics.header.sent",
                m.sentAt() == null
                        ? Formats.NOT_AVAILABLE
                        : Formats.dateTime(m.sentAt(), m.timeZone(), page.locale())));
        facts.add(fact("analytics.header.zone", m.timeZone().getId()));

        var contentLabel = new H3(page.tr("analytics.header.content"));
        contentLabel.addClassName("analytics-content-heading");
        var content = new Paragraph(m.content());
        content.setId("message-content");
        content.addClassName("analytics-content");
        header.add(title, badges, facts, contentLabel, content);
        if (m.channel() == Channel.SMS) {
            header.add(smsParts(m.content()));
        }
        var links = page.inAccount(() -> page.repository().linkClicks(m.ref()));
        if (!links.isEmpty()) {
            var list = new Div();
            list.addClassName("analytics-links");
            for (var link : links) {
                list.add(new Div(
                        new Span(page.tr("analytics.links.link", link.linkNo()) + ": "), SafeLinks.of(link.url())));
            }
            header.add(list);
        }
        return header;
    }

    /** The parts the body is billed as, and a hint when writing it without diacritics would save parts. */
    private Component smsParts(String body) {
        var parts = SmsParts.of(body);
        var line = new Div(fact(
                "analytics.header.parts",
                page.tr(
                        "analytics.header.parts.value",
                        parts.parts(),
                        page.tr("sms.encoding." + parts.encoding()),
                        parts.length())));
        line.setId("sms-parts");
        var plain = SmsParts.withoutDiacritics(body);
        if (plain.parts() < parts.parts()) {
            var hint = new Paragraph(page.tr("analytics.header.parts.saving", parts.parts(), plain.parts()));
            hint.setId("sms-parts-saving");
            hint.addClassName("analytics-parts-saving");
            line.add(hint);
        }
        return line;
    }

    private Component fact(String labelKey, String value) {
        var label = new Span(page.tr(labelKey));
        label.addClassName("analytics-fact-label");
        var text = new Span(value);
        text.addClassName("analytics-fact-value");
        return new Div(label, text);
    }
}
