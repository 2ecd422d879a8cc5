package com.mobilemarketing.core.metrics;

import static com.mobilemarketing.db.Tables.ACCOUNT;
import static com.mobilemarketing.db.Tables.ATTRIBUTION_SETTING;
import static com.mobilemarketing.db.Tables.ATTRIBUTION_SETTING_CHANGE;

import com.mobilemarketing.core.db.FoldExemptions;
import com.mobilemarketing.core.security.AppUser;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * An account's attribution setting and currency, which every revenue figure is read with. Saving a
 * setting re-attributes the account's orders in the same transaction (a trigger of V90) and logs the
 * change with who made it and when.
 */
@Repository
public class AttributionRepository {

    private final DSLContext db;
    private final FoldExemptions foldExemptions;

    public AttributionRepository(DSLContext db, FoldExemptions foldExemptions) {
        this.db = db;
        this.foldExemptions = foldExemptions;
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

    /** One change of the setting: who made it and when, and what it set. */
    public record Change(OffsetDateTime at, String by, Attribution attribution) {}

    /**
     * Saves the setting of {@code user}'s account, logs who changed it and when, and re-attributes
     * every order of the account (a trigger of V90), in one transaction: the figures follow at once.
     * At the largest accounts that transaction takes minutes; it writes no delivery events, so it
     * does not hold back the fold meanwhile ({@link FoldExemptions}).
     */
    public void save(AppUser user, Attribution attribution, OffsetDateTime at) {
        var accountId = user.requireAccountId();
        db.transaction(trx -> {
            var dsl = trx.dsl();
            try (var exemption = foldExemptions.exempt(dsl)) {
                dsl.insertInto(ATTRIBUTION_SETTING)
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
                        .execute();
                dsl.insertInto(ATTRIBUTION_SETTING_CHANGE)
                        .set(ATTRIBUTION_SETTING_CHANGE.ACCOUNT_ID, accountId)
                        .set(ATTRIBUTION_SETTING_CHANGE.CHANGED_AT, at)
                        .set(ATTRIBUTION_SETTING_CHANGE.CHANGED_BY, user.id())
                        .set(ATTRIBUTION_SETTING_CHANGE.CHANGED_BY_NAME, user.fullName())
                        .set(
                                ATTRIBUTION_SETTING_CHANGE.MODEL,
                                attribution.model().name())
                        .set(ATTRIBUTION_SETTING_CHANGE.CLICK_WINDOW_HOURS, attribution.clickWindowHours())
                        .set(ATTRIBUTION_SETTING_CHANGE.VIEW_WINDOW_HOURS, attribution.viewWindowHours())
                        .execute();
            }
        });
    }

    /** The account's latest changes of the setting, newest first. */
    public List<Change> changes(long accountId, int limit) {
        var c = ATTRIBUTION_SETTING_CHANGE;
        return db.select(c.CHANGED_AT, c.CHANGED_BY_NAME, c.MODEL, c.CLICK_WINDOW_HOURS, c.VIEW_WINDOW_HOURS)
                .from(c)
                .where(c.ACCOUNT_ID.eq(accountId))
                .orderBy(c.CHANGED_AT.desc(), c.ID.desc())
                .limit(limit)
                .fetch(r -> new Change(
                        r.value1(),
                        r.value2(),
                        new Attribution(Attribution.Model.valueOf(r.value3()), r.value4(), r.value5())));
    }
}
