package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.CampaignRepository;
import com.mobilemarketing.analytics.CampaignRepository.Campaign;
import com.mobilemarketing.analytics.CampaignRepository.CampaignMessage;
import com.mobilemarketing.analytics.CampaignRepository.CampaignReach;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.db.enums.Channel;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouteParameters;
import java.util.EnumSet;
import java.util.List;

/**
 * The campaign the message belongs to ("Kampania"): its messages, one per channel, each linked to
 * its own analytics, and its reach counted exactly over them — unique contacts reached (delivered on
 * at least one channel), reached on more than one channel, reached per channel, the channel read
 * first, and what WhatsApp and Viber reach beyond SMS alone.
 */
record AnalyticsCampaign(AnalyticsPage page, CampaignRepository campaigns) {

    /** The section, or an empty placeholder when the message is not part of a campaign. */
    Component create() {
        var m = page.message();
        return page.inAccount(() -> campaigns.campaignOf(m.accountId(), m.id()))
                .map(this::section)
                .orElseGet(Div::new);
    }

    private Component section(Campaign campaign) {
        var section = page.section("analytics.campaign.title");
        section.setId("analytics-campaign");
        var name = new Paragraph(page.tr("analytics.campaign.name", campaign.name()));
        name.setId("campaign-name");
        var messages = page.inAccount(() -> campaigns.messages(campaign.accountId(), campaign.id()));
        var reach = page.inAccount(() -> campaigns.reach(campaign.accountId(), campaign.id()));
        var note = new Paragraph(page.tr("analytics.campaign.note"));
        note.addClassName("analytics-note");
        section.add(name, messageTable(messages));
        if (reach.counted()) {
            section.add(reachTable(reach, channels(messages)));
        }
        if (!reach.current()) {
            section.add(countingNote(reach));
        }
        section.add(note);
        return section;
    }

    /** A large campaign's reach is counted in the background: said, with the time of the count shown. */
    private Component countingNote(CampaignReach reach) {
        var text = reach.counted()
                ? page.tr(
                        "analytics.campaign.counted-at",
                        Formats.dateTime(reach.countedAt(), page.message().timeZone(), page.locale()))
                : page.tr("analytics.campaign.counting");
        var counting = new Paragraph(text);
        counting.setId("campaign-counting");
        counting.addClassName("analytics-note");
        return counting;
    }

    private static EnumSet<Channel> channels(List<CampaignMessage> messages) {
        var channels = EnumSet.noneOf(Channel.class);
        messages.forEach(message -> channels.add(message.channel()));
        return channels;
    }

    private Component messageTable(List<CampaignMessage> messages) {
        var table = page.table(
                page.tr("analytics.campaign.col.channel"),
                page.tr("analytics.campaign.col.message"),
                page.tr("analytics.campaign.col.delivered"));
        table.setId("campaign-messages");
        for (var message : messages) {
            var row =
                    page.tableRow(false, page.tr("channel." + message.channel().name()));
            Component name;
            if (message.id() == page.message().id()) {
                name = new Span(page.tr("analytics.campaign.this", message.name()));
            } else {
                var link = new Anchor(href(message.id()), message.name());
                link.setId("campaign-message-" + message.id());
                name = link;
            }
            row.add(AnalyticsPage.cell(name));
            row.add(AnalyticsPage.cell(new Span(
                    message.sentAt() == null
                            ? page.tr("analytics.campaign.not-sent")
                            : Formats.count(message.delivered(), page.locale()))));
            table.add(row);
        }
        return table;
    }

    /** Another message's analytics; support staff keep the account named, as the ids are per account. */
    private String href(long messageId) {
        var url = RouteConfiguration.forSessionScope()
                .getUrl(
                        MessageAnalyticsView.class,
                        new RouteParameters(MessageAnalyticsView.ID_PARAMETER, Long.toString(messageId)));
        return url + "?" + MessageAnalyticsView.ACCOUNT_PARAMETER + "="
                + page.message().accountId();
    }

    private Component reachTable(CampaignReach reach, EnumSet<Channel> channels) {
        var table = page.table(page.tr("analytics.campaign.col.figure"), page.tr("analytics.campaign.col.contacts"));
        table.setId("campaign-reach");
        add(table, "reached", count(reach.reached()));
        add(table, "several", withShare(reach.onSeveralChannels(), reach.reached()));
        for (var channel : channels) {
            add(
                    table,
                    "channel-" + channel.name(),
                    channelLabel("analytics.campaign.reached-on", channel),
                    withShare(reach.of(channel), reach.reached()));
        }
        for (var channel : channels) {
            // SMS has no read receipts: never a fake 0.
            var value = channel == Channel.SMS ? MetricFormat.NOT_AVAILABLE : count(reach.readFirstOn(channel));
            add(table, "first-" + channel.name(), channelLabel("analytics.campaign.read-first", channel), value);
        }
        if (channels.contains(Channel.SMS) && channels.size() > 1) {
            long bySms = reach.of(Channel.SMS);
            add(table, "extra", page.tr("analytics.campaign.extra"), extra(reach.notBySms(), bySms));
            for (var channel : List.of(Channel.WHATSAPP, Channel.VIBER)) {
                if (channels.contains(channel)) {
                    long extra = channel == Channel.WHATSAPP ? reach.whatsAppNotBySms() : reach.viberNotBySms();
                    add(
                            table,
                            "extra-" + channel.name(),
                            channelLabel("analytics.campaign.extra-of", channel),
                            extra(extra, bySms));
                }
            }
        }
        return table;
    }

    private void add(Div table, String key, String value) {
        add(table, key, page.tr("analytics.campaign." + key), value);
    }

    private void add(Div table, String key, String label, String value) {
        var row = page.tableRow(false, label, value);
        row.setId("campaign-" + key);
        table.add(row);
    }

    private String channelLabel(String key, Channel channel) {
        return page.tr(key, page.tr("channel." + channel.name()));
    }

    private String count(long value) {
        return Formats.count(value, page.locale());
    }

    private String withShare(long part, long whole) {
        return count(part) + " (" + Formats.rate(part, whole, page.locale()) + ")";
    }

    /** "+1 234 (+12,5% over SMS alone)"; against no SMS reach at all, the count alone. */
    private String extra(long extra, long bySms) {
        return bySms == 0
                ? "+" + count(extra)
                : page.tr("analytics.campaign.extra.value", count(extra), Formats.rate(extra, bySms, page.locale()));
    }
}
