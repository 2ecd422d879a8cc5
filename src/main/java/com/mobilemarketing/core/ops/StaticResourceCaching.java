package com.mobilemarketing.core.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cache headers of static files. A file whose URL carries its version — a webjar (the version is
 * in the path), a file of Vaadin's front-end bundle (a hash in the name) or a file linked with its
 * content hash ({@code ?v-c=}, as Vaadin links style sheets and {@link VersionedResources} our
 * scripts) — is cached for a year and never revalidated; our other {@code app/} files are
 * revalidated on every use (a 304 without body while unchanged). Whatever answers later (Spring's
 * resource handler, Vaadin's static file server, Spring Security's default no-store headers)
 * cannot change that; pages and UIDL are not touched and keep Spring Security's no-store.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class StaticResourceCaching extends OncePerRequestFilter {

    static final String IMMUTABLE = "max-age=31536000, public, immutable";
    static final String REVALIDATE = "no-cache";
    private static final String CACHE_CONTROL = "Cache-Control";

    /**
     * Vaadin names its bundle files {@code VAADIN/build/<name>-<hash>.<ext>}; the hash is base64url,
     * so it may hold {@code -} and {@code _} ({@code generated-flow-imports-t4nGUjc-.js}).
     */
    private static final Pattern VAADIN_BUNDLE = Pattern.compile("/VAADIN/build/[^/]+-[A-Za-z0-9_-]{8,}\\.[a-z0-9]+");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var policy = policy(
                request.getMethod(),
                request.getRequestURI().substring(request.getContextPath().length()),
                request.getQueryString());
        if (policy == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(CACHE_CONTROL, policy);
        chain.doFilter(request, new FixedCacheControl(response));
    }

    /** The Cache-Control of a request, or null for everything that is not one of our static files. */
    static @Nullable String policy(String method, String path, @Nullable String query) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return null;
        }
        var versioned = query != null && (query.startsWith("v-c=") || query.contains("&v-c="));
        if (path.startsWith("/webjars/") || VAADIN_BUNDLE.matcher(path).matches()) {
            return IMMUTABLE;
        }
        if (path.startsWith("/app/")) {
            return versioned ? IMMUTABLE : REVALIDATE;
        }
        return null;
    }

    /** Keeps the Cache-Control this filter chose, and drops the Pragma and Expires of no-store. */
    private static final class FixedCacheControl extends HttpServletResponseWrapper {

        FixedCacheControl(HttpServletResponse response) {
            super(response);
        }

        private static boolean fixed(String name) {
            return CACHE_CONTROL.equalsIgnoreCase(name)
                    || "Pragma".equalsIgnoreCase(name)
                    || "Expires".equalsIgnoreCase(name);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!fixed(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!fixed(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (!fixed(name)) {
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (!fixed(name)) {
                super.addDateHeader(name, date);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (!fixed(name)) {
                super.setIntHeader(name, value);
            }
        }

        @Override
        public void addIntHeader(String name, int value) {
            if (!fixed(name)) {
                super.addIntHeader(name, value);
            }
        }
    }
}
