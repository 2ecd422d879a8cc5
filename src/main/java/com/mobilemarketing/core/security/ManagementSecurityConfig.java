package com.mobilemarketing.core.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The management endpoints on the app's port. Health, liveness and readiness are public and
 * answer the status only (load balancers and orchestrators probe them without credentials); the
 * details of each health part, the metrics and the Prometheus scrape need a user with the support
 * role, by HTTP Basic (a scraper) or by the signed-in browser session.
 */
@Configuration
public class ManagementSecurityConfig {

    /** What needs no sign-in: the probes. */
    public static final String[] PUBLIC_MANAGEMENT_PATHS = {"/actuator/health", "/actuator/health/**"};

    @Bean
    @Order(0)
    SecurityFilterChain managementEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers(PUBLIC_MANAGEMENT_PATHS)
                        .permitAll()
                        .anyRequest()
                        .hasRole(AppUser.Role.SUPPORT.name()))
                .httpBasic(withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .build();
    }
}
