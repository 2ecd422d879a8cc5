package com.mobilemarketing.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The names of the demo's bulk campaigns and the days each fits, as data and as SQL. */
final class DemoCampaigns {

    private DemoCampaigns() {}

    /** A bulk campaign's name and the days of the year it fits ("MM-DD..MM-DD", both ends included). */
    record Campaign(String name, List<String> seasons) {}

    /**
     * Bulk campaigns, a line each: the name, then the seasons it fits (none: any day). Names fit their
     * dates: no "Walentynki" in November.
     */
    static final List<Campaign> BULK_CAMPAIGNS = parse("""
            Nowa kolekcja
            Darmowa dostawa do niedzieli
            Żółty tydzień cen
            Noworoczna wyprzedaż         | 01-02..01-31
            Wyprzedaż sezonowa           | 01-02..02-28, 07-01..08-31
            Walentynki                   | 02-01..02-14
            Dzień Kobiet                 | 03-01..03-08
            Wiosenna kolekcja            | 03-01..05-31
            Wielkanocne inspiracje       | 03-15..04-20
            Majówka                      | 04-20..05-03
            Dzień Matki                  | 05-10..05-26
            Dzień Ojca                   | 06-10..06-23
            Letnie rabaty                | 06-01..08-31
            Powrót do szkoły             | 08-10..09-15
            Jesienna kolekcja            | 09-01..11-15
            Black Friday -30%            | 11-20..11-30
            Mikołajki                    | 11-25..12-06
            Świąteczna promocja          | 11-15..12-23
            """);

    private static List<Campaign> parse(String table) {
        return table.lines()
                .map(line -> line.split("\\|", 2))
                .map(cells -> new Campaign(
                        cells[0].strip(),
                        cells.length == 1
                                ? List.of()
                                : Arrays.stream(cells[1].split(","))
                                        .map(String::strip)
                                        .toList()))
                .toList();
    }

    /** SQL array of the campaign names that fit the day in {@code monthDay} (text "MM-DD"). */
    static String bulkCampaignNames(String monthDay) {
        var names = BULK_CAMPAIGNS.stream()
                .map(campaign -> {
                    var literal = "'" + campaign.name().replace("'", "''") + "'";
                    if (campaign.seasons().isEmpty()) {
                        return literal;
                    }
                    var fits = campaign.seasons().stream()
                            .map(season -> season.split("\\.\\."))
                            .map(ends -> monthDay + " between '" + ends[0] + "' and '" + ends[1] + "'")
                            .collect(Collectors.joining(" or "));
                    return "case when " + fits + " then " + literal + " end";
                })
                .collect(Collectors.joining(", "));
        return "array_remove(array[" + names + "]::text[], null)";
    }

    /**
     * Joins bulk messages of one account sent under the same name (the name carries the local day)
     * on different channels into a multi-channel campaign: the first message of each channel, the
     * campaign's id the smallest of their ids and its name theirs. It looks at every bulk message
     * each time, so the campaigns follow from the messages alone, whether the days came in one
     * generation or several starts; a campaign already made keeps its id.
     */
    static DemoSql link(long accountId) {
        return DemoSql.of("""
                with first_per_channel as (
                    select name, channel, min(id) as id
                    from message
                    where account_id = :account and type = 'BULK'
                    group by name, channel
                ),
                joined as (
                    select name, min(id) as campaign_id, array_agg(id) as ids
                    from first_per_channel
                    group by name
                    having count(*) > 1
                ),
                created as (
                    insert into campaign (account_id, id, name, created_at)
                    select :account, j.campaign_id, j.name, m.created_at
                    from joined j
                    join message m on m.account_id = :account and m.id = j.campaign_id
                    on conflict do nothing
                )
                update message m set campaign_id = j.campaign_id
                from joined j
                where m.account_id = :account and m.id = any (j.ids) and m.campaign_id is distinct from j.campaign_id
                """, Map.of("account", accountId));
    }
}
