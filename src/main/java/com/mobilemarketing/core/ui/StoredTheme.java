package com.mobilemarketing.core.ui;

/**
 * The light or dark theme this browser keeps in its local storage (so it survives reloads and new
 * sign-ins on this device, also for support staff who have no account to store preferences in).
 * {@link MainLayout} switches it; {@link #HEAD_SCRIPT} applies it before a page is drawn.
 */
public final class StoredTheme {

    /** The local-storage key, also the session attribute, holding {@link #DARK} or {@link #LIGHT}. */
    public static final String KEY = "ui.theme";

    public static final String DARK = "dark";
    public static final String LIGHT = "light";

    /**
     * Runs in the head of every page, the sign-in page included (which has no layout to restore
     * the theme from the server): a dark choice is on the page before the first paint, so there is
     * no light flash. It sets what {@code Page.setColorScheme(DARK)} sets, and Vaadin reports that
     * colour scheme to the server when the UI starts.
     */
    public static final String HEAD_SCRIPT = """
            try {
              if (window.localStorage.getItem('%s') === '%s') {
                document.documentElement.setAttribute('theme', '%s');
                document.documentElement.style.colorScheme = '%s';
              }
            } catch (e) {
              // Storage blocked: the page stays light.
            }
            """.formatted(KEY, DARK, DARK, DARK);

    private StoredTheme() {}
}
