package com.mobilemarketing.cost;

import static com.mobilemarketing.db.Tables.APP_USER;
import static com.mobilemarketing.db.Tables.CHANNEL_INTEGRATION;
import static com.mobilemarketing.db.Tables.SMS_GATEWAY;
import static com.mobilemarketing.db.Tables.TARIFF;
import static com.mobilemarketing.db.Tables.TARIFF_PRICE;
import static org.jooq.impl.DSL.lead;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;

import com.mobilemarketing.cost.TariffPrices.Price;
import com.mobilemarketing.db.enums.Channel;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * The account's tariffs: its sending integrations, every tariff with the period it is valid in and
 * who made it when, and new tariffs. A tariff is never edited or deleted: a change is a new tariff
 * from a later start, so the list is its own log, and what was sent keeps the cost it was given.
 */
@Repository
public class TariffRepository {

    /** A sending integration: its key as tariffs name it ({@code sms:<gateway id>}, {@code whatsapp}, {@code viber}). */
    public record Integration(String key, Channel channel, String name) {

        /** WhatsApp is priced per conversation category. */
        public boolean byCategory() {
            return channel == Channel.WHATSAPP;
        }
    }

    /** One tariff; {@code validUntil} is the start of the integration's next tariff, null while none follows. */
    public record Tariff(
            long id,
            String integration,
            OffsetDateTime validFrom,
            @Nullable OffsetDateTime validUntil,
            boolean billsUndelivered,
            String createdBy,
            OffsetDateTime createdAt,
            List<Price> prices) {}

    /** A tariff to add: prices valid from {@code startDay} (from now when it is today) on. */
    public record NewTariff(String integration, LocalDate startDay, boolean billsUndelivered, List<Price> prices) {}

    private final DSLContext db;

    public TariffRepository(DSLContext db) {
        this.db = db;
    }

    /** The account's SMS gateways, then WhatsApp and Viber where integrated. */
    public List<Integration> integrations(long accountId) {
        var list = new ArrayList<Integration>();
        db.select(SMS_GATEWAY.ID, SMS_GATEWAY.NAME)
                .from(SMS_GATEWAY)
                .where(SMS_GATEWAY.ACCOUNT_ID.eq(accountId))
                .orderBy(SMS_GATEWAY.ID)
                .forEach(r -> list.add(new Integration("sms:" + r.value1(), Channel.SMS, r.value2())));
        db.select(CHANNEL_INTEGRATION.CHANNEL, CHANNEL_INTEGRATION.DISPLAY_NAME)
                .from(CHANNEL_INTEGRATION)
                .where(CHANNEL_INTEGRATION.ACCOUNT_ID.eq(accountId), CHANNEL_INTEGRATION.CHANNEL.ne(Channel.SMS))
                .orderBy(CHANNEL_INTEGRATION.CHANNEL)
                .forEach(r -> list.add(new Integration(
                        r.value1().getLiteral().toLowerCase(java.util.Locale.ROOT), r.value1(), r.value2())));
        return List.copyOf(list);
    }

    /** Every tariff of the account, newest start first within each integration. */
    public List<Tariff> tariffs(long accountId) {
        var prices = multiset(select(TARIFF_PRICE.COUNTRY, TARIFF_PRICE.CATEGORY, TARIFF_PRICE.PRICE_MICROS)
                        .from(TARIFF_PRICE)
                        .where(TARIFF_PRICE.ACCOUNT_ID.eq(TARIFF.ACCOUNT_ID), TARIFF_PRICE.TARIFF_ID.eq(TARIFF.ID))
                        .orderBy(
                                TARIFF_PRICE.COUNTRY.eq(TariffPrices.OTHER_COUNTRIES),
                                TARIFF_PRICE.COUNTRY,
                                TARIFF_PRICE.CATEGORY))
                .convertFrom(r -> r.map(Records.mapping(Price::new)));
        return db.select(
                        TARIFF.ID,
                        TARIFF.INTEGRATION,
                        TARIFF.VALID_FROM,
                        lead(TARIFF.VALID_FROM)
                                .over()
                                .partitionBy(TARIFF.INTEGRATION)
                                .orderBy(TARIFF.VALID_FROM),
                        TARIFF.BILLS_UNDELIVERED,
                        APP_USER.FULL_NAME,
                        TARIFF.CREATED_AT,
                        prices)
                .from(TARIFF)
                .join(APP_USER)
                .on(APP_USER.ID.eq(TARIFF.CREATED_BY))
                .where(TARIFF.ACCOUNT_ID.eq(accountId))
                .orderBy(TARIFF.INTEGRATION, TARIFF.VALID_FROM.desc())
                .fetch(Records.mapping(Tariff::new));
    }

    /**
     * Adds a tariff made by {@code userId} at {@code now}: valid from now when it starts today, else
     * from local midnight of its first day in the account's {@code zone}. A start before today, an
     * integration the account does not have, prices of the wrong shape or a start another tariff of
     * the integration already has are refused with {@link InvalidTariffException}, and nothing is stored.
     */
    public long create(long accountId, long userId, ZoneId zone, OffsetDateTime now, NewTariff tariff) {
        var integration = integrations(accountId).stream()
                .filter(i -> i.key().equals(tariff.integration()))
                .findFirst()
                .orElseThrow(() -> new InvalidTariffException("tariffs.error.integration"));
        var today = now.atZoneSameInstant(zone).toLocalDate();
        if (tariff.startDay().isBefore(today)) {
            throw new InvalidTariffException("tariffs.error.past");
        }
        for (var price : tariff.prices()) {
            if (price.category().isEmpty() == integration.byCategory()
                    || (integration.byCategory() && !TariffPrices.CATEGORIES.contains(price.category()))) {
                throw new InvalidTariffException("tariffs.error.shape");
            }
        }
        if (tariff.prices().isEmpty()) {
            throw new InvalidTariffException("tariffs.error.no-prices");
        }
        var validFrom = tariff.startDay().equals(today)
                ? now
                : tariff.startDay().atStartOfDay(zone).toOffsetDateTime();
        try {
            return db.transactionResult(trx -> {
                var tx = trx.dsl();
                var id = tx.insertInto(TARIFF)
                        .set(TARIFF.ACCOUNT_ID, accountId)
                        .set(TARIFF.INTEGRATION, integration.key())
                        .set(TARIFF.VALID_FROM, validFrom)
                        .set(TARIFF.BILLS_UNDELIVERED, tariff.billsUndelivered())
                        .set(TARIFF.CREATED_BY, userId)
                        .set(TARIFF.CREATED_AT, now)
                        .returning(TARIFF.ID)
                        .fetchSingle(TARIFF.ID);
                var insert = tx.insertInto(
                        TARIFF_PRICE,
                        TARIFF_PRICE.ACCOUNT_ID,
                        TARIFF_PRICE.TARIFF_ID,
                        TARIFF_PRICE.COUNTRY,
                        TARIFF_PRICE.CATEGORY,
                        TARIFF_PRICE.PRICE_MICROS);
                for (var price : tariff.prices()) {
                    insert = insert.values(accountId, id, price.country(), price.category(), price.micros());
                }
                insert.execute();
                return id;
            });
        } catch (IntegrityConstraintViolationException e) {
            throw new InvalidTariffException("tariffs.error.same-start");
        }
    }
}
