package com.mobilemarketing.core.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL, started when no {@code spring.datasource.url} is set.
 *
 * @param dataDir its data directory; the data survives restarts
 * @param port its port; 0 is any free port
 * @param ephemeral a throw-away database in a temporary directory (tests)
 * @param durable fsync, synchronous_commit and full_page_writes on, so a committed transaction
 *     survives an OS crash; only the tests' throw-away database turns this off
 */
@ConfigurationProperties("app.embedded-db")
public record EmbeddedDbProperties(
        @DefaultValue("data/postgres") String dataDir,
        @DefaultValue("54320") int port,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue("true") boolean durable) {}
