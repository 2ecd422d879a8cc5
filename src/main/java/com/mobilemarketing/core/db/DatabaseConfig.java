package com.mobilemarketing.core.db;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The app's DataSource: the external PostgreSQL of {@code spring.datasource.*} when a URL is set,
 * otherwise an embedded PostgreSQL. Either way every connection carries the current tenant.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    @Bean(destroyMethod = "close")
    @Conditional(NoDatasourceUrlCondition.class)
    EmbeddedDatabase embeddedDatabase(EmbeddedDbProperties properties) {
        return properties.ephemeral()
                ? EmbeddedDatabase.ephemeral(properties.durable())
                : EmbeddedDatabase.persistent(Path.of(properties.dataDir()), properties.port(), properties.durable());
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource hikariDataSource(DataSourceProperties properties, ObjectProvider<EmbeddedDatabase> embedded) {
        var database = embedded.getIfAvailable();
        if (database != null) {
            properties.setUrl(database.jdbcUrl());
            properties.setUsername(database.username());
            properties.setPassword(database.password());
        }
        return properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
    }

    @Bean
    @org.springframework.context.annotation.Primary
    DataSource dataSource(HikariDataSource hikariDataSource) {
        return new TenantDataSource(hikariDataSource);
    }
}
