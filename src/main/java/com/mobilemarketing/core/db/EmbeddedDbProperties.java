package com.mobilemarketing.core.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL, started when no {@code spring.datasource.url} is set.
 *
 * @param dataDir its data directory; the data survives restarts
 * @param port its port; 0 is any free port
 * @param ephemeral a throw-away database in a temporary directory (tests)
 */
@ConfigurationProperties("app.embedded-db")
public record EmbeddedDbProperties(
        @DefaultValue("data/postgres") String dataDir,
        @DefaultValue("54320") int port,
        @DefaultValue("false") boolean ephemeral) {}
