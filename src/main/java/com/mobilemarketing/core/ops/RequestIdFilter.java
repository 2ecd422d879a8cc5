package com.mobilemarketing.core.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every HTTP request (provider callbacks, clicks, the UI's UIDL requests, page loads) a
 * request id: the caller's {@code X-Request-Id} when it is a sane token, else a new random one. It
 * is in the logging context as {@code requestId} for everything logged while the request runs
 * (plain and JSON logs) and echoed in the response's {@code X-Request-Id}. Second in the chain:
 * the provider callbacks' filter, first, answers them itself and gives them their id with
 * {@link #begin} and {@link #end}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final int MAX_LENGTH = 64;

    /**
     * The server's time per request at debug level ({@code logging.level.request-timing=debug}),
     * e.g. to put a browser's page-load profile beside the server's share.
     */
    private static final Logger TIMINGS = LoggerFactory.getLogger("request-timing");

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        begin(request, response);
        var timed = TIMINGS.isDebugEnabled();
        var started = timed ? System.nanoTime() : 0L;
        var startedCpu = timed ? THREADS.getCurrentThreadCpuTime() : 0L;
        try {
            chain.doFilter(request, response);
        } finally {
            if (timed) {
                logTiming(request, System.nanoTime() - started, THREADS.getCurrentThreadCpuTime() - startedCpu);
            }
            end();
        }
    }

    /** Gives the request its id: in the logging context of this thread and in the response. */
    public static void begin(HttpServletRequest request, HttpServletResponse response) {
        var id = idOf(request.getHeader(HEADER));
        MDC.put(MDC_KEY, id);
        response.setHeader(HEADER, id);
    }

    /** The id of a request with this {@code X-Request-Id} header: the caller's if sane, else a new one. */
    public static String idOf(@Nullable String header) {
        var id = accepted(header);
        return id == null ? newId() : id;
    }

    /** Takes the request's id out of this thread's logging context. */
    public static void end() {
        MDC.remove(MDC_KEY);
    }

    /**
     * The server's time for one request and the CPU time of its thread (the database's share is in
     * the difference), with Vaadin's request type (e.g. {@code uidl}, {@code init}).
     */
    private static void logTiming(HttpServletRequest request, long nanos, long cpuNanos) {
        // From the query string, not getParameter: that would parse a form body the servlet has read.
        var query = request.getQueryString();
        var at = query == null ? -1 : query.indexOf("v-r=");
        var type = at < 0 ? null : query.substring(at + 4).split("&", 2)[0];
        TIMINGS.debug(
                "{} {}{} answered in {} ms (CPU {} ms)",
                request.getMethod(),
                request.getRequestURI(),
                type == null ? "" : " (" + type + ")",
                String.format(Locale.ROOT, "%.1f", nanos / 1e6),
                String.format(Locale.ROOT, "%.1f", cpuNanos / 1e6));
    }

    /** Ids of other systems are kept when they are short tokens; anything else could forge log lines. */
    static String accepted(String header) {
        if (header == null || header.isEmpty() || header.length() > MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_' && c != '.') {
                return null;
            }
        }
        return header;
    }

    /** 16 hex digits: unique enough to find one request in the logs, and cheap on the callback path. */
    static String newId() {
        var random = ThreadLocalRandom.current().nextLong();
        var hex = Long.toHexString(random);
        return "0".repeat(16 - hex.length()) + hex;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
