package com.mobilemarketing.demo;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's tariffs as SQL: believable Polish prices (in PLN, micros) for every sending integration
 * of an account, valid from before the demo's history; the callback gateway's SMS price went up at the
 * start of the month three months back, so the history shows two validity periods.
 */
final class DemoTariffs {

    private DemoTariffs() {}

    /** A tariff of one integration: its start (SQL), whether failed and unknown outcomes are billed, its prices. */
    private record Tariff(String integration, String validFrom, boolean billsUndelivered, String prices) {}

    /** Long before any generated message, so the whole history has a tariff. */
    private static final String FIRST = ":now::timestamptz - interval '800 days'";

    /** Local midnight of the first day of the month three months back. */
    private static final String PRICE_CHANGE =
            "date_trunc('month', (:now::timestamptz at time zone 'Europe/Warsaw') - interval '90 days') "
                    + "at time zone 'Europe/Warsaw'";

    private static final String WHATSAPP_PRICES = "('PL', 'MARKETING', 240000), ('PL', 'UTILITY', 95000), "
            + "('PL', 'AUTHENTICATION', 95000), ('PL', 'SERVICE', 0), ('*', 'MARKETING', 300000), "
            + "('*', 'UTILITY', 120000), ('*', 'AUTHENTICATION', 120000), ('*', 'SERVICE', 0)";

    /** Every tariff of the account's integrations, created by its first marketer. */
    static List<DemoSql> tariffs(AccountPlan plan, OffsetDateTime now) {
        var tariffs = new ArrayList<Tariff>();
        var callback = "sms:" + plan.callbackGateway();
        tariffs.add(new Tariff(callback, FIRST, true, "('PL', '', 70000), ('*', '', 290000)"));
        tariffs.add(new Tariff(callback, PRICE_CHANGE, true, "('PL', '', 75000), ('*', '', 290000)"));
        tariffs.add(new Tariff("sms:" + plan.silentGateway(), FIRST, true, "('PL', '', 60000), ('*', '', 250000)"));
        if (plan.channelShares().containsKey("WHATSAPP")) {
            tariffs.add(new Tariff("whatsapp", FIRST, false, WHATSAPP_PRICES));
        }
        if (plan.channelShares().containsKey("VIBER")) {
            tariffs.add(new Tariff("viber", FIRST, false, "('PL', '', 90000), ('*', '', 150000)"));
        }
        return tariffs.stream()
                .map(tariff -> {
                    var values = new HashMap<String, Object>(Map.of(
                            "account", plan.id(),
                            "integration", tariff.integration(),
                            "bills", tariff.billsUndelivered(),
                            "user", plan.users().get(0).id(),
                            "now", now));
                    return DemoSql.of("""
                            with t as (
                                insert into tariff (account_id, integration, valid_from, bills_undelivered, created_by,
                                                    created_at)
                                values (:account, :integration, %1$s, :bills, :user, %1$s)
                                returning account_id, id
                            )
                            insert into tariff_price (account_id, tariff_id, country, category, price_micros)
                            select t.account_id, t.id, p.country, p.category, p.micros
                            from t cross join (values %2$s) as p (country, category, micros)
                            """.formatted(tariff.validFrom(), tariff.prices()), values);
                })
                .toList();
    }
}
