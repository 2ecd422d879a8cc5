package com.mobilemarketing.core.db;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The account whose rows the database shows to the current thread (row-level security). Views of
 * a marketer run in the signed-in user's account by default ({@link TenantDataSource}); background
 * work, callbacks and support pages name their account explicitly.
 */
public final class Tenant {

    private record Scope(@Nullable Long accountId, boolean allAccounts) {}

    private static final ThreadLocal<@Nullable Scope> SCOPE = new ThreadLocal<>();

    private Tenant() {}

    /** Runs {@code work} seeing only the rows of {@code accountId}. */
    public static <T> T call(long accountId, Supplier<T> work) {
        return within(new Scope(accountId, false), work);
    }

    public static void run(long accountId, Runnable work) {
        call(accountId, () -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} seeing the rows of every account: only for deliberate cross-account paths. */
    public static <T> T allAccounts(Supplier<T> work) {
        return within(new Scope(null, true), work);
    }

    public static void runAllAccounts(Runnable work) {
        allAccounts(() -> {
            work.run();
            return null;
        });
    }

    static @Nullable Long explicitAccountId() {
        var scope = SCOPE.get();
        return scope == null ? null : scope.accountId();
    }

    static boolean isExplicit() {
        return SCOPE.get() != null;
    }

    static boolean isAllAccounts() {
        var scope = SCOPE.get();
        return scope != null && scope.allAccounts();
    }

    private static <T> T within(Scope scope, Supplier<T> work) {
        var previous = SCOPE.get();
        SCOPE.set(scope);
        try {
            return work.get();
        } finally {
            SCOPE.set(previous);
        }
    }
}
