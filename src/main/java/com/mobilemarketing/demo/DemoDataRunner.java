package com.mobilemarketing.demo;

import com.mobilemarketing.core.db.EmbeddedDatabase;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database with demo data at start-up: by default with the embedded database, and
 * with an external one only when {@code app.demo.enabled=true}. Skips when data already exists.
 */
@Component
public class DemoDataRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataRunner.class);

    private final DemoDataGenerator generator;
    private final Clock clock;
    private final boolean enabled;
    private final String size;
    private final long seed;

    public DemoDataRunner(
            DemoDataGenerator generator,
            Clock clock,
            ObjectProvider<EmbeddedDatabase> embeddedDatabase,
            DemoProperties properties) {
        this.generator = generator;
        this.clock = clock;
        var enabled = properties.enabled();
        this.enabled = enabled == null ? embeddedDatabase.getIfAvailable() != null : enabled;
        this.size = properties.size();
        this.seed = properties.seed();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        if (generator.hasData()) {
            log.info("Demo data: the database already has data, nothing generated");
            return;
        }
        log.info("Demo data: generating size '{}' with seed {}", size, seed);
        generator.generate(DemoSize.named(size), seed, OffsetDateTime.now(clock));
    }
}
