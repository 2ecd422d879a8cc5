package com.mobilemarketing;

import com.mobilemarketing.core.db.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;

/**
 * Marketers made for one test, so that what the test saves (stats choices, column layouts, exports)
 * is its own and no demo user's: ids far above the demo data's. {@link #removeAll} deletes them with
 * everything they saved, so other tests see the demo users alone.
 */
public final class TestUsers {

    private static final AtomicLong NEXT_ID = new AtomicLong(800_000_000L);

    /** A marketer of the test: id and user name to sign in with. */
    public record TestUser(long accountId, long id, String username) {}

    private final DSLContext db;
    private final List<TestUser> created = new ArrayList<>();

    public TestUsers(DSLContext db) {
        this.db = db;
    }

    /** A new marketer of {@code accountId}, speaking Polish like the demo users. */
    public TestUser marketer(long accountId) {
        long id = NEXT_ID.incrementAndGet();
        var user = new TestUser(accountId, id, "test-marketer-" + id);
        Tenant.runAllAccounts(() -> db.execute(
                "insert into app_user (id, account_id, username, password_hash, full_name, role, locale) "
                        + "values (?, ?, ?, '{noop}unused', ?, 'MARKETER', 'pl')",
                id,
                accountId,
                user.username(),
                "Test Marketer " + id));
        created.add(user);
        return user;
    }

    /** Deletes the users made here and what they saved: preferences, layouts, folders, export jobs and files. */
    public void removeAll() {
        var ids = created.stream().map(TestUser::id).toArray(Long[]::new);
        Tenant.runAllAccounts(() -> {
            for (var table : List.of("user_preference", "grid_column_preference")) {
                db.execute("delete from " + table + " where user_id = any(?)", (Object) ids);
            }
            db.execute("delete from stored_file where owner_id = any(?)", (Object) ids);
            db.execute("delete from export_job where owner_id = any(?)", (Object) ids);
            db.execute("delete from folder where created_by = any(?)", (Object) ids);
            db.execute("delete from app_user where id = any(?)", (Object) ids);
        });
        created.clear();
    }
}
