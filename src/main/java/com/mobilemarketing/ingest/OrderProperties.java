package com.mobilemarketing.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the shop's order webhook ({@code app.orders.*}; docs/ingest.md).
 *
 * @param maxBodyBytes larger bodies get 413 before anything is parsed
 * @param maxOrders orders per request at most; more get 413
 */
@ConfigurationProperties("app.orders")
public record OrderProperties(
        @DefaultValue("1048576") int maxBodyBytes,
        @DefaultValue("1000") int maxOrders) {}
