package com.mobilemarketing.demo;

import com.mobilemarketing.core.DemoMode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Demo data at start-up: by default with the embedded database, and with an external one only when
 * {@code app.demo.enabled=true}. Fills an empty database; brings a demo made earlier up to today
 * (the time since its last start, see {@link DemoDataGenerator#rollForward}); leaves other data
 * alone. It runs synchronously among the application runners while the web server already
 * answers: the readiness state is {@code REFUSING_TRAFFIC} meanwhile (published here, and Spring
 * Boot's default until it is ready), Spring Boot publishes {@code ACCEPTING_TRAFFIC} after the
 * runners, and screens show the {@link DemoPreparation} until then.
 */
@Component
public class DemoDataRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataRunner.class);

    private final DemoDataGenerator generator;
    private final DemoPreparation preparation;
    private final Clock clock;
    private final DemoMode demoMode;
    private final DemoProperties properties;

    public DemoDataRunner(
            DemoDataGenerator generator,
            DemoPreparation preparation,
            Clock clock,
            DemoMode demoMode,
            DemoProperties properties) {
        this.generator = generator;
        this.preparation = preparation;
        this.clock = clock;
        this.demoMode = demoMode;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demoMode.isOn()) {
            return;
        }
        var now = OffsetDateTime.now(clock);
        if (!generator.hasData()) {
            var demoSize = DemoSize.named(properties.size());
            var seed = properties.seed();
            log.info("Demo data: generating size '{}' with seed {}", demoSize.name(), seed);
            preparation.begin(demoSize.totalRecipients());
            try {
                generator.generate(demoSize, seed, now, DemoDataGenerator.Load.TRIGGERED, preparation::advance);
            } finally {
                preparation.end();
            }
            return;
        }
        var state = generator.state();
        if (state.isEmpty()) {
            log.info("Demo data: the database already has data that the generator did not make, nothing generated");
            return;
        }
        var through = state.get().generatedThrough();
        if (now.isAfter(through)) {
            // Rows of the days to add, at the demo's average daily rate.
            var days = Math.min(Duration.between(through, now).toDays() + 1, DemoDataGenerator.MAX_ROLL_DAYS);
            preparation.begin(days * state.get().size().totalRecipients() / 395);
            try {
                generator.rollForward(now);
            } finally {
                preparation.end();
            }
        }
        log.info("Demo data: the database already has data, brought up to {} (last start: {})", now, through);
    }
}
