package com.mobilemarketing.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.db.enums.Channel;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A campaign's reach equals an independent count from the raw recipients: the demo's multi-channel
 * campaigns (bulk messages of one day and name on several channels) in both accounts.
 */
class CampaignReachTest extends AbstractDatabaseTest {

    @Autowired
    private CampaignRepository campaigns;

    @Autowired
    private CampaignReachTask reachTask;

    @Test
    void theDemoMakesCampaignsOfOneMessagePerChannelWithViberInSome() {
        var perCampaign = asAllAccounts(() -> db.fetch("""
                select c.account_id, c.id, count(m.id) as messages, count(distinct m.channel) as channels,
                       bool_or(m.channel = 'VIBER') as viber, bool_and(m.name = c.name) as named
                from campaign c join message m on m.account_id = c.account_id and m.campaign_id = c.id
                group by c.account_id, c.id"""));
        assertThat(perCampaign).hasSizeGreaterThan(5);
        assertThat(perCampaign).allSatisfy(row -> {
            assertThat(row.get("messages", Long.class)).isEqualTo(row.get("channels", Long.class));
            assertThat(row.get("channels", Long.class)).isGreaterThan(1);
            assertThat(row.get("named", Boolean.class)).isTrue();
        });
        assertThat(perCampaign)
                .anySatisfy(row -> assertThat(row.get("viber", Boolean.class)).isTrue());
        assertThat(perCampaign)
                .anySatisfy(row -> assertThat(row.get("account_id", Long.class)).isEqualTo(SPORT));
    }

    @Test
    void reachEqualsAnIndependentCountFromTheRecipients() {
        var ids = asAllAccounts(() -> db.fetch("""
                select c.account_id, c.id from campaign c
                where exists (select 1 from message m join message_recipient r on r.account_id = m.account_id
                                and r.message_id = m.id and r.delivered_at is not null
                              where m.account_id = c.account_id and m.campaign_id = c.id)
                order by c.account_id, c.id"""));
        assertThat(ids).hasSizeGreaterThan(3);
        long severalSeen = 0;
        for (var id : ids) {
            long account = id.get(0, Long.class);
            long campaign = id.get(1, Long.class);
            var reach = Tenant.call(account, () -> campaigns.reach(account, campaign));
            var recount = recount(account, campaign);
            assertThat(reach.reached()).as("campaign %d", campaign).isEqualTo(recount.get(0));
            assertThat(reach.onSeveralChannels()).isEqualTo(recount.get(1));
            assertThat(reach.of(Channel.SMS)).isEqualTo(recount.get(2));
            assertThat(reach.of(Channel.WHATSAPP)).isEqualTo(recount.get(3));
            assertThat(reach.of(Channel.VIBER)).isEqualTo(recount.get(4));
            assertThat(reach.readFirstOn(Channel.WHATSAPP)).isEqualTo(recount.get(5));
            assertThat(reach.readFirstOn(Channel.VIBER)).isEqualTo(recount.get(6));
            assertThat(reach.readFirstOn(Channel.SMS)).isZero();
            assertThat(reach.notBySms()).isEqualTo(recount.get(7));
            assertThat(reach.whatsAppNotBySms()).isEqualTo(recount.get(8));
            assertThat(reach.viberNotBySms()).isEqualTo(recount.get(9));
            // Inclusion–exclusion: the channels' reaches overcount by the contacts reached twice or more.
            assertThat(reach.of(Channel.SMS) + reach.of(Channel.WHATSAPP) + reach.of(Channel.VIBER))
                    .isGreaterThanOrEqualTo(reach.reached() + reach.onSeveralChannels());
            severalSeen += reach.onSeveralChannels();
        }
        assertThat(severalSeen).isPositive();
    }

    @Test
    void anotherAccountsCampaignReachesNobody() {
        var floraCampaign = asAllAccounts(() -> queryLong(
                "select min(id) from campaign c where account_id = ? and exists (select 1 from message m "
                        + "where m.account_id = c.account_id and m.campaign_id = c.id and m.state = 'SENT')",
                FLORA));
        var reach = Tenant.call(SPORT, () -> campaigns.reach(FLORA, floraCampaign));
        assertThat(reach.reached()).isZero();
        assertThat(Tenant.call(SPORT, () -> campaigns.messages(FLORA, floraCampaign)))
                .isEmpty();
    }

    @Test
    void theKeptReachFollowsEveryChangeOfTheRecipients() {
        var id = asAllAccounts(() -> db.fetchSingle("""
                select m.account_id, m.campaign_id, r.message_id, r.contact_id
                from message m join message_recipient r on r.account_id = m.account_id and r.message_id = m.id
                where m.campaign_id is not null and m.channel = 'WHATSAPP' and r.delivered_at is not null
                order by m.account_id, m.campaign_id, r.contact_id
                limit 1"""));
        long account = id.get(0, Long.class);
        long campaign = id.get(1, Long.class);
        long message = id.get(2, Long.class);
        long contact = id.get(3, Long.class);
        var before = Tenant.call(account, () -> campaigns.reach(account, campaign));
        assertThat(before.current()).isTrue();
        assertThat(before.counted()).isTrue();
        var delivered = asAllAccounts(() -> db.fetchSingle(
                        "select delivered_at from message_recipient where account_id = ? and message_id = ? and contact_id = ?",
                        account,
                        message,
                        contact)
                .get(0, java.time.OffsetDateTime.class));
        try {
            // A late "failed" takes one delivery back: the kept count is stale until counted again.
            setDelivered(account, message, contact, null);
            var large = Tenant.call(account, () -> campaigns.reach(account, campaign, 0));
            assertThat(large.current()).isFalse();
            assertThat(large.counted()).isTrue();
            assertThat(large.reached()).isEqualTo(before.reached());

            // The background round counts it; a campaign this small is counted when viewed anyway.
            assertThat(reachTask.round()).isPositive();
            var after = Tenant.call(account, () -> campaigns.reach(account, campaign, 0));
            assertThat(after.current()).isTrue();
            assertThat(after.reached()).isEqualTo(recount(account, campaign).get(0));
            assertThat(reachTask.round()).isZero();

            setDelivered(account, message, contact, delivered);
            var viewed = Tenant.call(account, () -> campaigns.reach(account, campaign));
            assertThat(viewed.current()).isTrue();
            assertThat(viewed.reached()).isEqualTo(before.reached());
        } finally {
            setDelivered(account, message, contact, delivered);
        }
    }

    private void setDelivered(long account, long message, long contact, java.time.@Nullable OffsetDateTime at) {
        Tenant.runAllAccounts(() -> db.execute(
                "update message_recipient set delivered_at = ?::timestamptz where account_id = ? and message_id = ? and contact_id = ?",
                at == null ? null : at.toString(),
                account,
                message,
                contact));
    }

    /**
     * The figures by sets: distinct delivered contacts per channel, written apart from the
     * repository's single grouped pass (EXCEPT and DISTINCT ON instead of filters over one group).
     */
    private List<Long> recount(long account, long campaign) {
        return asAllAccounts(() -> db.fetchSingle("""
                        with d as (select distinct r.contact_id, m.channel::text as channel
                                   from message_recipient r join message m on m.account_id = r.account_id and m.id = r.message_id
                                   where m.account_id = ? and m.campaign_id = ? and r.delivered_at is not null),
                        firsts as (select distinct on (r.contact_id) r.contact_id, m.channel::text as channel
                                   from message_recipient r join message m on m.account_id = r.account_id and m.id = r.message_id
                                   where m.account_id = ? and m.campaign_id = ? and r.delivered_at is not null
                                     and r.opened_at is not null
                                   order by r.contact_id, r.opened_at, m.channel)
                        select (select count(distinct contact_id) from d),
                               (select count(*) from (select contact_id from d group by contact_id having count(*) > 1) x),
                               (select count(*) from d where channel = 'SMS'),
                               (select count(*) from d where channel = 'WHATSAPP'),
                               (select count(*) from d where channel = 'VIBER'),
                               (select count(*) from firsts where channel = 'WHATSAPP'),
                               (select count(*) from firsts where channel = 'VIBER'),
                               (select count(*) from (select contact_id from d except select contact_id from d where channel = 'SMS') y),
                               (select count(*) from (select contact_id from d where channel = 'WHATSAPP'
                                                      except select contact_id from d where channel = 'SMS') z),
                               (select count(*) from (select contact_id from d where channel = 'VIBER'
                                                      except select contact_id from d where channel = 'SMS') w)
                        """, account, campaign, account, campaign).intoList().stream()
                .map(value -> ((Number) value).longValue())
                .toList());
    }
}
