package com.mobilemarketing.alerts;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the alert rounds ({@code app.alerts.*}) and the defaults of every account's rules.
 *
 * @param enabled run a round every {@code every} on this node (the rounds claim their minute, so
 *     several nodes never double)
 * @param every how often a round runs
 * @param deliveryMargin an integration's delivery rate over the last hour this far (a fraction) below
 *     its 30-day rate raises an alert
 * @param errorJump one error code's share of the last hour's sent this far (a fraction) above its
 *     30-day share raises an alert
 * @param silentMinutes an integration that used to report deliveries and sent no report for messages
 *     of this many minutes, while messages went out, raises an alert
 * @param backlogMinutes the oldest delivery report waiting to be folded for longer raises an alert
 * @param minVolume recipients the last hour (and the 30 days before) need before rates are compared
 * @param settle the newest messages are left out for this long: their reports are still on the way
 * @param mailFrom the sender of alert e-mails
 */
@ConfigurationProperties("app.alerts")
public record AlertProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") Duration every,
        @DefaultValue("0.15") double deliveryMargin,
        @DefaultValue("0.10") double errorJump,
        @DefaultValue("30") int silentMinutes,
        @DefaultValue("5") int backlogMinutes,
        @DefaultValue("20") int minVolume,
        @DefaultValue("5m") Duration settle,
        @DefaultValue("alerts@mobile-marketing.invalid") String mailFrom) {

    /** The threshold of a rule an account has not changed, as stored (a fraction or minutes). */
    public BigDecimal defaultThreshold(AlertKind kind) {
        return switch (kind) {
            case DELIVERY_RATE_DROP -> BigDecimal.valueOf(deliveryMargin);
            case ERROR_CODE_SPIKE -> BigDecimal.valueOf(errorJump);
            case CALLBACKS_STOPPED -> BigDecimal.valueOf(silentMinutes);
            case FOLD_BACKLOG -> BigDecimal.valueOf(backlogMinutes);
        };
    }
}
