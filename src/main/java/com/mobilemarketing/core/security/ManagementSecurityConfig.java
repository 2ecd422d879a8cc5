package com.mobilemarketing.core.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
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
                .httpBasic(basic -> basic.authenticationEntryPoint(ManagementSecurityConfig::askForCredentials))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(ManagementSecurityConfig::askForCredentials)
                                .accessDeniedHandler((request, response, denied) ->
                                        response.setStatus(HttpServletResponse.SC_FORBIDDEN)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .build();
    }

    /**
     * A plain 401 with the Basic challenge. Set as a status, not sent as an error: an error
     * dispatch would reach the UI's chain and turn into a redirect to the sign-in page.
     */
    private static void askForCredentials(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException e) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"management\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    }
}
