package com.mobilemarketing.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Counters of the callback path: {@code app.callbacks} per provider, outcome (accepted, ignored,
 * refused) and reason of a refusal; {@code app.ingest.events} folded and left as orphans. Each
 * counter is looked up once and kept, so a callback pays one increment.
 */
@Component
public class IngestMetrics {

    public static final String CALLBACKS = "app.callbacks";
    public static final String EVENTS = "app.ingest.events";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter folded;
    private final Counter orphaned;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.folded = Counter.builder(EVENTS)
                .description("Delivery events folded into recipient state, or left waiting for their recipient")
                .tag("result", "folded")
                .register(registry);
        this.orphaned = Counter.builder(EVENTS)
                .description("Delivery events folded into recipient state, or left waiting for their recipient")
                .tag("result", "orphaned")
                .register(registry);
    }

    /** A callback answered 2xx: its events stored ({@code stored}) or nothing in it to store. */
    void accepted(String provider, boolean stored) {
        counter(provider, stored ? "accepted" : "ignored", "none").increment();
    }

    /** A callback answered 4xx or 5xx; the reason follows from the answer's status. */
    void refused(String provider, HttpStatus status) {
        counter(provider, "refused", reason(status)).increment();
    }

    /** Consent replies from numbers that no contact of the account has: stored, credited to nobody. */
    void unknownContacts(String provider, int replies) {
        if (replies > 0) {
            counter(provider, "unknown-contact", "none").increment(replies);
        }
    }

    void folded(int events, int orphans) {
        if (events > 0) {
            folded.increment(events);
        }
        if (orphans > 0) {
            orphaned.increment(orphans);
        }
    }

    static String reason(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "malformed";
            case FORBIDDEN -> "signature";
            case NOT_FOUND -> "unknown_integration";
            case CONTENT_TOO_LARGE -> "too_large";
            case SERVICE_UNAVAILABLE -> "not_stored";
            default -> "status_" + status.value();
        };
    }

    private Counter counter(String provider, String outcome, String reason) {
        var key = provider + '|' + outcome + '|' + reason;
        var counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(
                    key,
                    k -> Counter.builder(CALLBACKS)
                            .description("Provider callbacks by provider, outcome and reason of a refusal")
                            .tag("provider", provider)
                            .tag("outcome", outcome)
                            .tag("reason", reason)
                            .register(registry));
        }
        return counter;
    }
}
