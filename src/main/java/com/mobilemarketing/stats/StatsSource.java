package com.mobilemarketing.stats;

import com.mobilemarketing.core.EnumValues;
import com.mobilemarketing.db.enums.Channel;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The source selector of the stats panel: every integrated channel together, or one channel. */
public enum StatsSource {
    ALL(null),
    SMS(Channel.SMS),
    WHATSAPP(Channel.WHATSAPP),
    VIBER(Channel.VIBER);

    private final @Nullable Channel channel;

    StatsSource(@Nullable Channel channel) {
        this.channel = channel;
    }

    public Optional<Channel> channel() {
        return Optional.ofNullable(channel);
    }

    /** The channels this source covers on an account with {@code integrated} channels. */
    public Set<Channel> channels(Set<Channel> integrated) {
        var result = EnumSet.noneOf(Channel.class);
        for (var c : integrated) {
            if (channel == null || channel == c) {
                result.add(c);
            }
        }
        return result;
    }

    /** Only integrated channels may be chosen: a source of a channel the account lacks is not offered. */
    public boolean availableOn(Set<Channel> integrated) {
        return channel == null || integrated.contains(channel);
    }

    public static StatsSource of(Channel channel) {
        return valueOf(channel.name());
    }

    /** Parses a URL or preference value leniently (case-insensitive); anything else is empty. */
    public static Optional<StatsSource> parse(@Nullable String value) {
        return EnumValues.parse(StatsSource.class, value);
    }
}
