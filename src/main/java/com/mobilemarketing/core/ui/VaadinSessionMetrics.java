package com.mobilemarketing.core.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Vaadin sessions on this node: {@code app.vaadin.sessions} open now (each holds its screens'
 * state in memory) and {@code app.vaadin.sessions.started}.
 */
@Component
public class VaadinSessionMetrics implements VaadinServiceInitListener {

    private final AtomicLong open = new AtomicLong();
    private final Counter created;

    public VaadinSessionMetrics(MeterRegistry registry) {
        Gauge.builder("app.vaadin.sessions", open, AtomicLong::get)
                .description("Vaadin sessions open on this node")
                .register(registry);
        created = Counter.builder("app.vaadin.sessions.started")
                .description("Vaadin sessions started on this node")
                .register(registry);
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> {
            open.incrementAndGet();
            created.increment();
        });
        event.getSource().addSessionDestroyListener(destroy -> open.decrementAndGet());
    }
}
