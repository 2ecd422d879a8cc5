package com.mobilemarketing.demo;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Settings of the demo data and the demo traffic ({@code app.demo.*}).
 *
 * @param enabled generate demo data into an empty database; unset means "with the embedded database"
 * @param size {@code small}, {@code medium} or {@code large}
 * @param seed seed of the deterministic generator
 * @param liveTraffic post realistic signed callbacks and clicks to the app's own endpoints
 * @param liveTrafficRecipients recipients of each new demo message (at most 200)
 * @param liveTrafficPeriodSeconds a new message per integration this often (at least 10 s)
 * @param breakChannel {@code app.demo.break}: a channel (sms, whatsapp, viber) whose integrations the
 *     live traffic breaks: its messages still go out, but no delivery report ever comes back, so
 *     the alerts can be seen end to end
 */
@ConfigurationProperties("app.demo")
public record DemoProperties(
        @Nullable Boolean enabled,
        @DefaultValue("small") String size,
        @DefaultValue("42") long seed,
        @DefaultValue("false") boolean liveTraffic,
        @DefaultValue("25") int liveTrafficRecipients,
        @DefaultValue("60") long liveTrafficPeriodSeconds,
        @Name("break") @Nullable String breakChannel) {}
