package com.mobilemarketing.core.ops;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/** Wiring of the operating parts: settings and the repository timer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpsProperties.class)
public class OpsConfig {

    /** Static and infrastructure-role: a bean post-processor must not pull ordinary beans in early. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static RepositoryTimings repositoryTimings(ObjectProvider<MeterRegistry> registry) {
        return new RepositoryTimings(registry);
    }
}
