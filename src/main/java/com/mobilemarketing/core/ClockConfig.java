package com.mobilemarketing.core;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The app's notion of "now"; tests fix it with {@code app.clock.fixed} to make time ranges exact. */
@Configuration(proxyBeanMethods = false)
public class ClockConfig {

    @Bean
    Clock clock(ClockProperties properties) {
        var fixed = properties.fixed();
        return fixed == null || fixed.isBlank() ? Clock.systemUTC() : Clock.fixed(Instant.parse(fixed), ZoneOffset.UTC);
    }
}
