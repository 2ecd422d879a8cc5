package com.mobilemarketing.core.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Span;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A link taken from a message, shown safely: a clickable anchor (new tab, no opener, no referrer)
 * only for an absolute http or https URL; any other scheme ({@code viber:}, {@code whatsapp:},
 * {@code sms:}, {@code tel:}, {@code javascript:}, …) or an unparsable text is plain text, so a
 * message's link can neither run script nor break the page.
 */
public final class SafeLinks {

    /** The class of a link shown as plain text. */
    public static final String TEXT_CLASS = "link-as-text";

    private SafeLinks() {}

    public static Component of(String url) {
        if (isWebUrl(url)) {
            try {
                var anchor = new Anchor(url, url, AnchorTarget.BLANK);
                anchor.getElement().setAttribute("rel", "noopener noreferrer");
                return anchor;
            } catch (IllegalArgumentException e) {
                // Vaadin refuses a URL it deems unsafe: then it is text like any other.
            }
        }
        var text = new Span(url);
        text.addClassName(TEXT_CLASS);
        return text;
    }

    /** An absolute http(s) URL with a host. */
    public static boolean isWebUrl(String url) {
        try {
            var uri = new URI(url);
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
