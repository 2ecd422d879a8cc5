package com.mobilemarketing.export;

import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.db.enums.MessageType;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** One message as an export writes it: its settings and its counters from message_stats. */
public record MessageExportRow(
        long id,
        String name,
        String owner,
        long sent,
        @Nullable OffsetDateTime sentAt,
        long delivered,
        long opened,
        long undelivered,
        Channel channel,
        long clicked,
        MessageType type,
        @Nullable String gateway,
        @Nullable OffsetDateTime scheduledAt,
        MessageState state) {}
