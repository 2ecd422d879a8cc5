package com.mobilemarketing.messages;

import static com.mobilemarketing.db.Tables.GRID_COLUMN_PREFERENCE;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** A user's own column layout of a grid (per grid key), kept across sign-ins. */
@Repository
public class ColumnPreferenceRepository {

    private final DSLContext db;
    private final Clock clock;

    public ColumnPreferenceRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<List<String>> find(long accountId, long userId, String gridKey) {
        return db.select(GRID_COLUMN_PREFERENCE.COLUMNS)
                .from(GRID_COLUMN_PREFERENCE)
                .where(GRID_COLUMN_PREFERENCE
                        .ACCOUNT_ID
                        .eq(accountId)
                        .and(GRID_COLUMN_PREFERENCE.USER_ID.eq(userId))
                        .and(GRID_COLUMN_PREFERENCE.GRID_KEY.eq(gridKey)))
                .fetchOptional(r -> Arrays.asList(r.value1()));
    }

    public void save(long accountId, long userId, String gridKey, List<String> columns) {
        upsert(db, accountId, userId, gridKey, columns);
    }

    private void upsert(DSLContext dsl, long accountId, long userId, String gridKey, List<String> columns) {
        var now = OffsetDateTime.now(clock);
        var array = columns.toArray(String[]::new);
        dsl.insertInto(GRID_COLUMN_PREFERENCE)
                .set(GRID_COLUMN_PREFERENCE.ACCOUNT_ID, accountId)
                .set(GRID_COLUMN_PREFERENCE.USER_ID, userId)
                .set(GRID_COLUMN_PREFERENCE.GRID_KEY, gridKey)
                .set(GRID_COLUMN_PREFERENCE.COLUMNS, array)
                .set(GRID_COLUMN_PREFERENCE.UPDATED_AT, now)
                .onConflict(
                        GRID_COLUMN_PREFERENCE.ACCOUNT_ID,
                        GRID_COLUMN_PREFERENCE.USER_ID,
                        GRID_COLUMN_PREFERENCE.GRID_KEY)
                .doUpdate()
                .set(GRID_COLUMN_PREFERENCE.COLUMNS, array)
                .set(GRID_COLUMN_PREFERENCE.UPDATED_AT, now)
                .execute();
    }

    /**
     * One layout for several grids at once ("apply to all tabs"), all or none: {@code columns} for
     * each key, or with {@code defaults} no row (the grids' default layout).
     */
    public void saveAll(long accountId, long userId, List<String> gridKeys, List<String> columns, boolean defaults) {
        db.transaction(trx -> {
            for (var gridKey : gridKeys) {
                if (defaults) {
                    remove(trx.dsl(), accountId, userId, gridKey);
                } else {
                    upsert(trx.dsl(), accountId, userId, gridKey, columns);
                }
            }
        });
    }

    /** Back to the defaults: no row means the grid's default layout (also future defaults). */
    public void delete(long accountId, long userId, String gridKey) {
        remove(db, accountId, userId, gridKey);
    }

    private static void remove(DSLContext dsl, long accountId, long userId, String gridKey) {
        dsl.deleteFrom(GRID_COLUMN_PREFERENCE)
                .where(GRID_COLUMN_PREFERENCE
                        .ACCOUNT_ID
                        .eq(accountId)
                        .and(GRID_COLUMN_PREFERENCE.USER_ID.eq(userId))
                        .and(GRID_COLUMN_PREFERENCE.GRID_KEY.eq(gridKey)))
                .execute();
    }
}
