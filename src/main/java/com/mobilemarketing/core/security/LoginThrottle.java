package com.mobilemarketing.core.security;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per user name and per client address within a window, and makes further
 * attempts wait once a limit is reached: the first delay after the limit, doubling with every
 * further failure, up to a maximum. User names are counted whether they exist or not, so the
 * answer never tells. Kept in memory per app node: a restart forgets, which costs an attacker a
 * restart per window.
 */
public class LoginThrottle {

    /** Above this many keys, those whose failures all left the window are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    private final LoginProperties limits;
    private final InstantSource time;
    private final Map<String, Failures> byUser = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    public LoginThrottle(LoginProperties limits, InstantSource time) {
        this.limits = limits;
        this.time = time;
    }

    /** How long an attempt for this user name from this address must still wait; empty when it may go ahead. */
    public Optional<Duration> waitFor(String username, String address) {
        var now = time.instant();
        var user = wait(byUser.get(key(username)), limits.maxFailuresPerUser(), now);
        var fromAddress = wait(byAddress.get(address), limits.maxFailuresPerAddress(), now);
        var longest = user.compareTo(fromAddress) >= 0 ? user : fromAddress;
        return longest.isPositive() ? Optional.of(longest) : Optional.empty();
    }

    public void failed(String username, String address) {
        var now = time.instant();
        record(byUser, key(username), now);
        record(byAddress, address, now);
    }

    /** A correct password clears the user name's failures (not the address's: one account must not unlock an address). */
    public void succeeded(String username) {
        byUser.remove(key(username));
    }

    private Duration wait(Failures failures, int limit, Instant now) {
        if (failures == null) {
            return Duration.ZERO;
        }
        synchronized (failures) {
            failures.forgetBefore(now.minus(limits.window()));
            int over = failures.times.size() - limit;
            if (over < 0) {
                return Duration.ZERO;
            }
            var delay = limits.firstDelay().multipliedBy(1L << Math.min(over, 20));
            if (delay.compareTo(limits.maxDelay()) > 0) {
                delay = limits.maxDelay();
            }
            var left = Duration.between(now, failures.times.getLast().plus(delay));
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    private void record(Map<String, Failures> map, String key, Instant now) {
        if (map.size() > PRUNE_ABOVE) {
            var oldest = now.minus(limits.window());
            map.values().removeIf(failures -> {
                synchronized (failures) {
                    failures.forgetBefore(oldest);
                    return failures.times.isEmpty();
                }
            });
        }
        var failures = map.computeIfAbsent(key, k -> new Failures());
        synchronized (failures) {
            failures.forgetBefore(now.minus(limits.window()));
            failures.times.addLast(now);
        }
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    private static final class Failures {
        final ArrayDeque<Instant> times = new ArrayDeque<>();

        void forgetBefore(Instant oldest) {
            while (!times.isEmpty() && times.getFirst().isBefore(oldest)) {
                times.removeFirst();
            }
        }
    }
}
