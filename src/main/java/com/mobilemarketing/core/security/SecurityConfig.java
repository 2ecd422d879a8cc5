package com.mobilemarketing.core.security;

import com.mobilemarketing.core.ui.LoginView;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Form login with users from the database. Provider callbacks and the click redirector are public
 * (they authenticate by signature or token); everything else needs a signed-in user.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    /** Public machine endpoints: provider callbacks and the short-link redirector. */
    public static final String[] PUBLIC_PATHS = {"/callbacks/**", "/r/**", "/app/**", "/webjars/**"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers(PUBLIC_PATHS).permitAll());
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/callbacks/**"));
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(UserRepository users) {
        return username ->
                users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
