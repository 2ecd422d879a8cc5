package com.mobilemarketing.core.ui;

import com.mobilemarketing.db.enums.Channel;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.SvgIcon;
import java.util.Locale;

/** One icon and one colour per channel, the same in tiles, charts and grids. */
public final class ChannelIcons {

    /** The class every channel icon has, next to its {@link #cssClass channel's class}. */
    public static final String CSS_CLASS = "channel-icon";

    private ChannelIcons() {}

    /** An icon with the channel's name as tooltip and accessible label. */
    public static SvgIcon icon(Channel channel, Component context) {
        var icon = appIcon(channel).create();
        var name = context.getTranslation("channel." + channel.name());
        icon.addClassNames(CSS_CLASS, cssClass(channel));
        icon.setTooltipText(name);
        icon.getElement().setAttribute("aria-label", name);
        icon.getElement().setAttribute("role", "img");
        return icon;
    }

    /**
     * The channel's icon as the {@code symbol} of a {@code <vaadin-icon src=…>} of the {@link
     * AppIcon#sprite() sprite}, for grid cells drawn by a template instead of an icon component each.
     */
    public static String symbol(Channel channel) {
        return appIcon(channel).symbol();
    }

    public static String cssClass(Channel channel) {
        return "channel-" + channel.name().toLowerCase(Locale.ROOT);
    }

    /** The channel's colour for charts (matches the CSS variables in styles.css). */
    public static String color(Channel channel) {
        return switch (channel) {
            case SMS -> "#2f6fdf";
            case WHATSAPP -> "#1f9d55";
            case VIBER -> "#7b4fd6";
        };
    }

    private static AppIcon appIcon(Channel channel) {
        return switch (channel) {
            case SMS -> AppIcon.COMMENT_ELLIPSIS_O;
            case WHATSAPP -> AppIcon.PHONE;
            case VIBER -> AppIcon.COMMENTS_O;
        };
    }
}
