package com.mobilemarketing.core.metrics;

import static com.mobilemarketing.db.Tables.OPT_OUT_SETTING;
import static com.mobilemarketing.db.Tables.OPT_OUT_SETTING_CHANGE;

import com.mobilemarketing.core.security.AppUser;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * The account's opt-out window: an opt-out is credited to the last message the contact got on that
 * channel within so many hours before it (72 unless set). Saving logs who changed it and when; it
 * applies to opt-outs that arrive afterwards (those already stored keep their message).
 */
@Repository
public class OptOutWindowRepository {

    public static final int DEFAULT_HOURS = 72;
    public static final int MIN_HOURS = 1;
    public static final int MAX_HOURS = 720;

    /** One change of the window: who made it and when, and the hours it set. */
    public record Change(OffsetDateTime at, String by, int hours) {}

    private final DSLContext db;

    public OptOutWindowRepository(DSLContext db) {
        this.db = db;
    }

    public int hours(long accountId) {
        return db.select(OPT_OUT_SETTING.WINDOW_HOURS)
                .from(OPT_OUT_SETTING)
                .where(OPT_OUT_SETTING.ACCOUNT_ID.eq(accountId))
                .fetchOptional(OPT_OUT_SETTING.WINDOW_HOURS)
                .orElse(DEFAULT_HOURS);
    }

    /** Saves the window of {@code user}'s account and logs the change, in one transaction. */
    public void save(AppUser user, int hours, OffsetDateTime at) {
        if (hours < MIN_HOURS || hours > MAX_HOURS) {
            throw new IllegalArgumentException("opt-out window out of range: " + hours);
        }
        // One statement: the setting and its log entry are written together or not at all.
        db.execute("""
                with saved as (
                    insert into opt_out_setting (account_id, window_hours, updated_at) values (?, ?, ?)
                    on conflict (account_id) do update
                        set window_hours = excluded.window_hours, updated_at = excluded.updated_at
                    returning account_id, window_hours, updated_at)
                insert into opt_out_setting_change (account_id, changed_at, changed_by, changed_by_name, window_hours)
                select account_id, updated_at, ?, ?, window_hours from saved
                """, user.requireAccountId(), hours, at, user.id(), user.fullName());
    }

    /** The account's latest changes of the window, newest first. */
    public List<Change> changes(long accountId, int limit) {
        var c = OPT_OUT_SETTING_CHANGE;
        return db.select(c.CHANGED_AT, c.CHANGED_BY_NAME, c.WINDOW_HOURS)
                .from(c)
                .where(c.ACCOUNT_ID.eq(accountId))
                .orderBy(c.CHANGED_AT.desc(), c.ID.desc())
                .limit(limit)
                .fetch(r -> new Change(r.value1(), r.value2(), r.value3()));
    }
}
