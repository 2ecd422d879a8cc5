package com.mobilemarketing.core.security;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.communication.IndexHtmlResponse;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * The Content-Security-Policy of every Vaadin page. Scripts run only from the app's own origin or
 * as the page's own inline scripts, which carry a nonce fresh for every page (Vaadin's bootstrap
 * and the theme script): a script smuggled into the page through data has no nonce and does not
 * run. {@code 'unsafe-eval'} stays because Vaadin runs the server's {@code executeJs} calls as
 * functions built from strings; inline styles stay because Vaadin and ECharts set style
 * attributes.
 */
@Component
public class ContentSecurityPolicy implements VaadinServiceInitListener {

    public static final String HEADER = "Content-Security-Policy";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(ContentSecurityPolicy::apply);
    }

    private static void apply(IndexHtmlResponse page) {
        var nonce = nonce();
        page.getDocument().select("script").attr("nonce", nonce);
        page.getVaadinResponse().setHeader(HEADER, policy(nonce));
    }

    static String policy(String nonce) {
        return String.join(
                "; ",
                "default-src 'self'",
                "script-src 'self' 'nonce-" + nonce + "' 'unsafe-eval'",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data: blob:",
                "font-src 'self' data:",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }

    private static String nonce() {
        var bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
