package com.mobilemarketing.analytics;

import com.mobilemarketing.db.enums.Channel;
import java.time.ZoneId;

/** One message as the analytics queries address it: always with its account. */
public record MessageRef(long accountId, long messageId, Channel channel, ZoneId timeZone) {}
