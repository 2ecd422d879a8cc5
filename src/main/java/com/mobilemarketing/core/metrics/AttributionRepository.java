package com.mobilemarketing.core.metrics;

import static com.mobilemarketing.db.Tables.ACCOUNT;
import static com.mobilemarketing.db.Tables.ATTRIBUTION_SETTING;

import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * An account's attribution setting and currency, which every revenue figure is read with. Saving a
 * setting re-attributes the account's orders in the same transaction (a trigger of V90).
 */
@Repository
public class AttributionRepository {

    private final DSLContext db;

    public AttributionRepository(DSLContext db) {
        this.db = db;
    }

    /** The account's setting, or the defaults where it saved none. */
    public Attribution attribution(long accountId) {
        return db.select(
                        ATTRIBUTION_SETTING.MODEL,
                        ATTRIBUTION_SETTING.CLICK_WINDOW_HOURS,
                        ATTRIBUTION_SETTING.VIEW_WINDOW_HOURS)
                .from(ATTRIBUTION_SETTING)
                .where(ATTRIBUTION_SETTING.ACCOUNT_ID.eq(accountId))
                .fetchOptional(r -> new Attribution(Attribution.Model.valueOf(r.value1()), r.value2(), r.value3()))
                .orElse(Attribution.DEFAULT);
    }

    /** The currency revenue is shown in (ISO 4217). */
    public String currency(long accountId) {
        return db.select(ACCOUNT.CURRENCY)
                .from(ACCOUNT)
                .where(ACCOUNT.ID.eq(accountId))
                .fetchOptional(ACCOUNT.CURRENCY)
                .orElse("PLN");
    }

    /** Saves the setting and re-attributes every order of the account, in one transaction. */
    public void save(long accountId, Attribution attribution, OffsetDateTime at) {
        db.transaction(trx -> trx.dsl()
                .insertInto(ATTRIBUTION_SETTING)
                .set(ATTRIBUTION_SETTING.ACCOUNT_ID, accountId)
                .set(ATTRIBUTION_SETTING.MODEL, attribution.model().name())
                .set(ATTRIBUTION_SETTING.CLICK_WINDOW_HOURS, attribution.clickWindowHours())
                .set(ATTRIBUTION_SETTING.VIEW_WINDOW_HOURS, attribution.viewWindowHours())
                .set(ATTRIBUTION_SETTING.UPDATED_AT, at)
                .onConflict(ATTRIBUTION_SETTING.ACCOUNT_ID)
                .doUpdate()
                .set(ATTRIBUTION_SETTING.MODEL, attribution.model().name())
                .set(ATTRIBUTION_SETTING.CLICK_WINDOW_HOURS, attribution.clickWindowHours())
                .set(ATTRIBUTION_SETTING.VIEW_WINDOW_HOURS, attribution.viewWindowHours())
                .set(ATTRIBUTION_SETTING.UPDATED_AT, at)
                .execute());
    }
}
