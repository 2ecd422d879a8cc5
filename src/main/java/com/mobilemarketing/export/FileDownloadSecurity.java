package com.mobilemarketing.export;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * Lets signed-in marketers reach the download controller. The app's Vaadin security chain denies
 * every URL it does not know, so the download path gets its own chain, tried first; it shares the
 * session's sign-in, and an anonymous request is sent to the login page.
 */
@Configuration(proxyBeanMethods = false)
public class FileDownloadSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain fileDownloadFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(FileDownloadController.PATH + "**")
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("MARKETER"))
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                .build();
    }
}
