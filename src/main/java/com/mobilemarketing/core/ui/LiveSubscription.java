package com.mobilemarketing.core.ui;

import com.mobilemarketing.core.db.Tenant;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one way a screen listens to updates pushed from background threads (folded delivery events,
 * export jobs): subscribe while the component is attached, close on detach, and run each update in
 * the UI by server push, in the screen's account. Updates arrive on threads without a signed-in
 * user, so this is where UI code names the account (see {@link Tenant}).
 */
public final class LiveSubscription {

    /** Where updates come from: subscribes a listener to an account, returns the handle that removes it. */
    @FunctionalInterface
    public interface Source<E> {
        AutoCloseable subscribe(long accountId, Consumer<E> listener);
    }

    private LiveSubscription() {}

    /**
     * Subscribes {@code owner} to the updates of account {@code accountId} each time it is attached
     * and unsubscribes it on detach; {@code onUpdate} runs in the owner's UI (push) in that account.
     */
    public static <E> void whileAttached(Component owner, long accountId, Source<E> source, Consumer<E> onUpdate) {
        var handle = new AtomicReference<@Nullable AutoCloseable>();
        owner.addAttachListener(event -> {
            var ui = event.getUI();
            close(handle.getAndSet(
                    source.subscribe(accountId, update -> access(ui, accountId, () -> onUpdate.accept(update)))));
        });
        owner.addDetachListener(event -> close(handle.getAndSet(null)));
    }

    /**
     * Runs {@code command} in {@code ui} (by push) in account {@code accountId}; false when the UI
     * is gone. The account is set around the access (it may run at once on this thread, with the
     * push that reads lazy data) and inside it (it may run later on another thread).
     */
    public static boolean access(UI ui, long accountId, Runnable command) {
        try {
            Tenant.run(accountId, () -> ui.access(() -> Tenant.run(accountId, command)));
            return true;
        } catch (UIDetachedException e) {
            return false;
        }
    }

    /** Closes a subscription handle; closing only removes a listener from a list, nothing to recover. */
    public static void close(@Nullable AutoCloseable handle) {
        if (handle == null) {
            return;
        }
        try {
            handle.close();
        } catch (Exception e) {
            // Nothing to recover: the listener is gone or was never there.
        }
    }
}
