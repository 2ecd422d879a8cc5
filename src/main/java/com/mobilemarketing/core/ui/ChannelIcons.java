package com.mobilemarketing.core.ui;

import com.mobilemarketing.db.enums.Channel;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.Locale;

/** One icon and one colour per channel, the same in tiles, charts and grids. */
public final class ChannelIcons {

    /** The class every channel icon has, next to its {@link #cssClass channel's class}. */
    public static final String CSS_CLASS = "channel-icon";

    private ChannelIcons() {}

    /** An icon with the channel's name as tooltip and accessible label. */
    public static Icon icon(Channel channel, Component context) {
        var icon = vaadinIcon(channel).create();
        var name = context.getTranslation("channel." + channel.name());
        icon.addClassNames(CSS_CLASS, cssClass(channel));
        icon.setTooltipText(name);
        icon.getElement().setAttribute("aria-label", name);
        icon.getElement().setAttribute("role", "img");
        return icon;
    }

    /**
     * The channel's icon as the {@code icon} attribute of a {@code <vaadin-icon>} (e.g.
     * {@code vaadin:phone}), for grid cells drawn by a template instead of an {@link Icon} each.
     */
    public static String iconName(Channel channel) {
        return "vaadin:" + vaadinIcon(channel).name().toLowerCase(Locale.ROOT).replace('_', '-');
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

    private static VaadinIcon vaadinIcon(Channel channel) {
        return switch (channel) {
            case SMS -> VaadinIcon.COMMENT_ELLIPSIS_O;
            case WHATSAPP -> VaadinIcon.PHONE;
            case VIBER -> VaadinIcon.COMMENTS_O;
        };
    }
}
