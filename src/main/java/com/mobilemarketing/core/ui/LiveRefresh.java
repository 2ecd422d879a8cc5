package com.mobilemarketing.core.ui;

import com.mobilemarketing.core.live.LiveUpdates;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a screen live while it is attached: relevant changes of its account trigger at most one
 * refresh per interval (by server push, in the account, through {@link LiveSubscription}), and a
 * label says how long ago the numbers were read ("updated 12 s ago").
 */
public final class LiveRefresh {

    public static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration AGE_TICK = Duration.ofSeconds(5);

    private final Component owner;
    private final LiveContext context;
    private final long accountId;
    private final Predicate<LiveUpdates.Change> relevant;
    private final Runnable refresh;
    private final Span ageLabel = new Span();
    private final List<Registration> listeners;

    private @Nullable UI ui;
    private @Nullable AutoCloseable subscription;
    private @Nullable RefreshCoalescer coalescer;
    private @Nullable ScheduledFuture<?> ageTicker;
    private Instant refreshedAt;

    /**
     * Starts at once when {@code owner} is attached already (a routed view entered again with
     * other parameters stays attached), else on its attach.
     */
    LiveRefresh(
            Component owner,
            LiveContext context,
            long accountId,
            Predicate<LiveUpdates.Change> relevant,
            Runnable refresh) {
        this.owner = owner;
        this.context = context;
        this.accountId = accountId;
        this.relevant = relevant;
        this.refresh = refresh;
        refreshedAt = context.clock().instant();
        ageLabel.addClassNames("live-age", LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        // Polite updates would read the age aloud every few seconds.
        ageLabel.getElement().setAttribute("aria-live", "off");
        listeners = List.of(
                owner.addAttachListener(event -> start(event.getUI())), owner.addDetachListener(event -> stop()));
        owner.getUI().ifPresent(this::start);
    }

    /** Stops for good: no more refreshes, and the owner's attach no longer starts it (the screen shows something else). */
    public void close() {
        listeners.forEach(Registration::remove);
        stop();
    }

    /** The "updated N s ago" label, to be placed on the screen. */
    public Span ageLabel() {
        showAge();
        return ageLabel;
    }

    /** Call after the screen read its numbers (also after the first read). */
    public void markRefreshed() {
        refreshedAt = context.clock().instant();
        showAge();
    }

    private void start(UI attachedTo) {
        stop();
        ui = attachedTo;
        var scheduler = context.scheduler();
        var live = new RefreshCoalescer(
                INTERVAL,
                (task, delay) ->
                        scheduler.schedule(task, scheduler.getClock().instant().plus(delay)),
                System::nanoTime,
                () -> access(() -> {
                    refresh.run();
                    markRefreshed();
                }));
        coalescer = live;
        subscription = context.updates().subscribe(accountId, change -> {
            if (relevant.test(change)) {
                live.request();
            }
        });
        ageTicker = scheduler.scheduleAtFixedRate(() -> access(this::showAge), AGE_TICK);
    }

    private void stop() {
        LiveSubscription.close(subscription);
        subscription = null;
        if (coalescer != null) {
            coalescer.cancel();
            coalescer = null;
        }
        if (ageTicker != null) {
            ageTicker.cancel(false);
            ageTicker = null;
        }
        ui = null;
    }

    private void showAge() {
        var seconds = Math.max(
                0, Duration.between(refreshedAt, context.clock().instant()).toSeconds());
        ageLabel.setText(
                seconds < 60
                        ? owner.getTranslation("live.updated.seconds", seconds)
                        : owner.getTranslation("live.updated.minutes", seconds / 60));
    }

    private void access(Runnable command) {
        var target = ui;
        if (target != null && !LiveSubscription.access(target, accountId, command)) {
            stop();
        }
    }
}
