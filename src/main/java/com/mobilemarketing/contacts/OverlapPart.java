package com.mobilemarketing.contacts;

import com.mobilemarketing.db.enums.Channel;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A part of the channel overlap: the opted-in contacts reachable on exactly these channels and on
 * no other. {@link #bits()} is the part's number in the {@code optin_overlap} counters (SMS 1,
 * WhatsApp 2, Viber 4); the constants are in the order the dashboard lists them.
 */
public enum OverlapPart {
    SMS(1),
    WHATSAPP(2),
    VIBER(4),
    SMS_WHATSAPP(3),
    SMS_VIBER(5),
    WHATSAPP_VIBER(6),
    ALL_THREE(7);

    private final int bits;

    OverlapPart(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public static Optional<OverlapPart> ofBits(int bits) {
        for (var part : values()) {
            if (part.bits == bits) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    public Set<Channel> channels() {
        var channels = EnumSet.noneOf(Channel.class);
        for (var channel : Channel.values()) {
            if (has(channel)) {
                channels.add(channel);
            }
        }
        return channels;
    }

    public boolean has(Channel channel) {
        return (bits & bit(channel)) != 0;
    }

    /** Parts made only of {@code integrated} channels: the others are empty by definition. */
    public static Set<OverlapPart> within(Collection<Channel> integrated) {
        var parts = EnumSet.noneOf(OverlapPart.class);
        for (var part : values()) {
            if (integrated.containsAll(part.channels())) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static int bit(Channel channel) {
        return switch (channel) {
            case SMS -> 1;
            case WHATSAPP -> 2;
            case VIBER -> 4;
        };
    }
}
