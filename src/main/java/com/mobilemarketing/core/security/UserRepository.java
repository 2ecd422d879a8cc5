package com.mobilemarketing.core.security;

import static com.mobilemarketing.db.Tables.ACCOUNT;
import static com.mobilemarketing.db.Tables.APP_USER;

import com.mobilemarketing.core.db.PostgresText;
import java.time.ZoneId;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** Users and their accounts: global tables, read at sign-in and for the account's time zone. */
@Repository
public class UserRepository {

    private final DSLContext db;

    public UserRepository(DSLContext db) {
        this.db = db;
    }

    public Optional<AppUserDetails> findByUsername(String username) {
        if (PostgresText.hasNul(username)) { // no stored name holds one
            return Optional.empty();
        }
        return db.select(
                        APP_USER.ID,
                        APP_USER.ACCOUNT_ID,
                        APP_USER.USERNAME,
                        APP_USER.FULL_NAME,
                        APP_USER.ROLE.convertFrom(role -> AppUser.Role.valueOf(role.getLiteral())),
                        APP_USER.LOCALE,
                        ACCOUNT.TIME_ZONE.convertFrom(UserRepository::zone),
                        APP_USER.PASSWORD_HASH)
                .from(APP_USER)
                .leftJoin(ACCOUNT)
                .on(ACCOUNT.ID.eq(APP_USER.ACCOUNT_ID))
                .where(APP_USER.USERNAME.eq(username))
                .fetchOptional(r -> new AppUserDetails(
                        new AppUser(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()),
                        r.value8()));
    }

    public void updateLocale(long userId, String locale) {
        db.update(APP_USER)
                .set(APP_USER.LOCALE, locale)
                .where(APP_USER.ID.eq(userId))
                .execute();
    }

    public Optional<AccountInfo> findAccount(long accountId) {
        return db.select(ACCOUNT.ID, ACCOUNT.NAME, ACCOUNT.TIME_ZONE.convertFrom(UserRepository::zone))
                .from(ACCOUNT)
                .where(ACCOUNT.ID.eq(accountId))
                .fetchOptional(Records.mapping(AccountInfo::new));
    }

    /**
     * The time zone of an account, for work that runs without its user (an export job); screens
     * take it from the signed-in {@link AppUser#timeZone()}.
     */
    public ZoneId timeZone(long accountId) {
        return findAccount(accountId).map(AccountInfo::timeZone).orElse(AppUser.PLATFORM_ZONE);
    }

    /** The one fallback: no account (support staff) or no zone means the platform's zone. */
    private static ZoneId zone(@Nullable String timeZone) {
        return timeZone == null ? AppUser.PLATFORM_ZONE : ZoneId.of(timeZone);
    }

    /** An account (tenant) as the UI needs it. */
    public record AccountInfo(long id, String name, ZoneId timeZone) {}
}
