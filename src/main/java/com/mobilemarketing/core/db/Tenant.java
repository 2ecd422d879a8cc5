package com.mobilemarketing.core.db;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The account whose rows the database shows to the current thread (row-level security).
 *
 * <h2>When code calls {@code Tenant}</h2>
 *
 * <ol>
 *   <li><b>A signed-in marketer's request runs in their account and never calls {@code Tenant}.</b>
 *       Views, dialogs and the services they call rely on the default: {@link TenantDataSource}
 *       sets the signed-in user's account on every connection.
 *   <li><b>A screen that can show another account names that account.</b> The message analytics
 *       page and its "Who?" lists are also opened by support staff, who have no account: they run
 *       every query in the message's account with {@link #call}.
 *   <li><b>Code without a signed-in user names the account.</b> Background threads (export worker,
 *       event fold, demo traffic), provider callbacks and the click redirector call {@link #call} or
 *       {@link #run}; so do live updates pushed into a screen from such a thread, all through
 *       {@code core.ui.LiveSubscription}.
 *   <li><b>{@link #allAccounts} only for deliberate cross-account paths</b>: the export job queue,
 *       support search and access log, batch event writes and folds, demo data generation.
 * </ol>
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
