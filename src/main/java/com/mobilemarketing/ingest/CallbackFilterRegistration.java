package com.mobilemarketing.ingest;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link CallbackFilter} first in the servlet filter chain, for the URLs under /callbacks only. */
@Configuration(proxyBeanMethods = false)
public class CallbackFilterRegistration {

    @Bean
    FilterRegistrationBean<CallbackFilter> callbackFilterChainEntry(CallbackFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/callbacks/*");
        // Ahead of the request id, observation, security and other filters, which it does for itself or
        // does not need (the request id filter, at the next order, serves the rest of the app).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setAsyncSupported(true);
        return registration;
    }
}
