package com.mobilemarketing.core.ui;

import com.mobilemarketing.core.ops.VersionedResources;
import com.vaadin.flow.component.icon.SvgIcon;
import java.util.Locale;

/**
 * The icons the app shows, drawn from one small sprite of Vaadin Icons ({@code frontend/icons.svg},
 * served as {@code app/icons.svg} with its content hash and cached for a year). Vaadin's
 * {@code AppIcon.create()} would load the whole icon set — 600 icons, 240 KB of script run on
 * every page load — before the first response of a page could be applied; a {@link SvgIcon} needs
 * only the icon element, which is in the page's script anyway, and fetches the sprite once, without
 * holding up the page.
 */
public enum AppIcon {
    ARROW_DOWN,
    ARROW_LEFT,
    ARROW_UP,
    BELL,
    CLOSE,
    CLOSE_SMALL,
    COG,
    COG_O,
    COMMENT_ELLIPSIS_O,
    COMMENTS_O,
    CONNECT,
    DASHBOARD,
    DOWNLOAD,
    DOWNLOAD_ALT,
    EDIT,
    FOLDER,
    FOLDER_ADD,
    LIFEBUOY,
    MOBILE,
    MONEY,
    MOON_O,
    PHONE,
    PLUS,
    ROTATE_LEFT,
    SCALE,
    SEARCH,
    SIGN_OUT,
    SUN_O,
    TRASH,
    USERS;

    private static final String SPRITE = "app/icons.svg";

    /** The sprite's URL with its content hash, for a template's {@code <vaadin-icon src=…>}. */
    public static String sprite() {
        return VersionedResources.path(SPRITE);
    }

    /** The icon's id in the sprite, for a template's {@code <vaadin-icon symbol=…>}. */
    public String symbol() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public SvgIcon create() {
        return new SvgIcon(sprite(), symbol());
    }
}
