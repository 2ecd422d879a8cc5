package com.mobilemarketing.core.security;

import com.mobilemarketing.core.DemoMode;
import com.mobilemarketing.core.ui.LoginView;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Form login with users from the database, throttled ({@link PasswordSignIn}) and CSRF-protected.
 * Provider callbacks and the click redirector are public (they authenticate by signature or
 * token); everything else needs a signed-in user. Pages send a Referrer-Policy, a
 * Permissions-Policy and (Vaadin pages) a Content-Security-Policy ({@link ContentSecurityPolicy}).
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    /** Machine endpoints: provider callbacks and the short-link redirector (signed, no user, no session). */
    public static final String[] MACHINE_PATHS = {"/callbacks/**", "/r/**"};

    /** Public static resources of the UI. */
    public static final String[] PUBLIC_PATHS = {"/app/**", "/webjars/**"};

    /**
     * Spring Security observes every filter of every request once a metrics registry is present (an
     * observation with its timers per filter, nothing here reads them): the app's CPU per status
     * callback went from 231 to 210 µs without them (ingest benchmark, 3 000/s). Off; the server's
     * own request metrics ({@code http.server.requests}) and the app's metrics stay.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The machine endpoints get a chain of their own with almost no filters: they authenticate by
     * signature or token, never use a session, a login or CSRF tokens, and take thousands of
     * requests per second, where the UI chain's filters cost more CPU than the callback itself. The
     * SMS, WhatsApp and Viber callbacks do not reach it at all: the ingest feature's callback filter,
     * first in the servlet filter chain, answers them; the shop's orders, the gateways' reports and
     * the click redirector come through here.
     */
    @Bean
    @Order(1)
    SecurityFilterChain machineEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher(MACHINE_PATHS)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, RequestUtil vaadinRequests) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers(PUBLIC_PATHS).permitAll());
        // Vaadin exempts its login page from CSRF; here only its own requests are exempt (they carry
        // Vaadin's CSRF token), so the sign-in form posts Spring's token from the page's meta tags.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        // The login page is named here too: the form login is set up before Vaadin's configurer
        // names it, and without a page Spring Security would generate its own.
        http.formLogin(form -> form.failureHandler(signInFailureHandler()).loginPage(LOGIN_PAGE));
        http.headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY)));
        return http.with(
                        VaadinSecurityConfigurer.vaadin(),
                        vaadin -> vaadin.loginView(LoginView.class).enableCsrfConfiguration(false))
                .build();
    }

    private static final String LOGIN_PAGE = "/login";

    /** Browser features the app never uses, off for its pages and anything they might embed. */
    static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
            + "magnetometer=(), microphone=(), payment=(), usb=()";

    /** A throttled attempt goes back to the sign-in page with the wait in minutes, any other failure with "error". */
    private static AuthenticationFailureHandler signInFailureHandler() {
        var failures = new LinkedHashMap<Class<? extends AuthenticationException>, AuthenticationFailureHandler>();
        failures.put(SignInThrottledException.class, (request, response, exception) -> {
            long seconds = ((SignInThrottledException) exception).getWait().toSeconds();
            long minutes = Math.max(1, (seconds + 59) / 60);
            response.sendRedirect(request.getContextPath() + "/login?" + LoginView.THROTTLED + "=" + minutes);
        });
        return new DelegatingAuthenticationFailureHandler(
                failures, new SimpleUrlAuthenticationFailureHandler(LOGIN_PAGE + "?" + LoginView.ERROR));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    LoginThrottle loginThrottle(LoginProperties limits) {
        return new LoginThrottle(limits, InstantSource.system());
    }

    /** The only authentication provider: password sign-in, throttled. */
    @Bean
    PasswordSignIn passwordSignIn(
            UserRepository users, PasswordEncoder passwordEncoder, LoginThrottle throttle, DemoMode demoMode) {
        UserDetailsService userDetails = username ->
                users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
        var passwords = new DaoAuthenticationProvider(userDetails);
        passwords.setPasswordEncoder(passwordEncoder);
        return new PasswordSignIn(passwords, throttle, demoMode);
    }
}
