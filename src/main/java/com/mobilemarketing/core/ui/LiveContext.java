package com.mobilemarketing.core.ui;

import com.mobilemarketing.core.live.LiveUpdates;
import java.time.Clock;
import java.util.function.Predicate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * What a live screen needs from the app, in one collaborator: the account's change feed, the
 * scheduler that coalesces refreshes and ticks the age label, and the clock the age is read from.
 */
@Component
public record LiveContext(LiveUpdates updates, TaskScheduler scheduler, Clock clock) {

    /** Keeps {@code owner} live while it is attached; see {@link LiveRefresh}. */
    public LiveRefresh keepLive(
            com.vaadin.flow.component.Component owner,
            long accountId,
            Predicate<LiveUpdates.Change> relevant,
            Runnable refresh) {
        return new LiveRefresh(owner, this, accountId, relevant, refresh);
    }
}
