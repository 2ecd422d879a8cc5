package com.mobilemarketing.ingest;

import com.mobilemarketing.core.ops.RequestIdFilter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The provider callbacks ({@link Callbacks}) on the app's own port: a servlet filter first in the
 * chain that answers these URLs itself. They are signed by the provider and need no session, user,
 * CSRF token or web framework, and at thousands of requests per second Spring Security's filters,
 * the other servlet filters and Spring MVC cost the app more CPU than the callback
 * (docs/benchmarks.md). The shop's orders and the gateways' reports under /callbacks go on to Spring
 * MVC ({@link OrderController}, GatewayReportController); any other URL under /callbacks is answered
 * 404 here.
 *
 * <p>A request thread waits for its status events' commit. An SMS reply is answered when its batch
 * commits without holding the thread meanwhile: the writer's thread answers and completes the
 * request itself, so the request passes through the container once.
 */
@Component
public class CallbackFilter extends HttpFilter {

    private static final Logger log = LoggerFactory.getLogger(CallbackFilter.class);

    private final Callbacks callbacks;

    public CallbackFilter(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.startsWith(Callbacks.PREFIX) && !path.equals("/callbacks")) {
            chain.doFilter(request, response);
            return;
        }
        var segments = Callbacks.segments(path);
        if (Callbacks.servedBySpringMvc(segments)) {
            chain.doFilter(request, response);
            return;
        }
        RequestIdFilter.begin(request, response);
        try {
            var answer = callbacks.answer(segments, new ServletRequest(request));
            if (answer.isDone()) {
                write(response, answer.join());
                return;
            }
            var async = request.startAsync();
            // The future always completes: the group commit fails it after app.ingest.writer-timeout-ms.
            async.setTimeout(0);
            var requestId = MDC.get(RequestIdFilter.MDC_KEY);
            answer.thenAccept(later -> {
                MDC.put(RequestIdFilter.MDC_KEY, requestId);
                try {
                    write(response, later);
                } catch (IOException | RuntimeException e) {
                    log.debug("Could not answer a callback", e);
                } finally {
                    MDC.remove(RequestIdFilter.MDC_KEY);
                    complete(async);
                }
            });
        } finally {
            RequestIdFilter.end();
        }
    }

    private static void complete(AsyncContext async) {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            log.debug("The container ended the request first (the provider hung up)", e);
        }
    }

    /** The answer, with the headers every callback answer carries ({@link Callbacks.Answer#headers}). */
    private static void write(HttpServletResponse response, Callbacks.Answer answer) throws IOException {
        var bytes = answer.body();
        response.setStatus(answer.status().value());
        answer.headers().forEach(response::setHeader);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The servlet's request; its thread may wait for the group commit. */
    private record ServletRequest(HttpServletRequest request) implements Callbacks.Request {

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public @Nullable String header(String name) {
            return request.getHeader(name);
        }

        @Override
        public @Nullable String queryParameter(String name) {
            return request.getParameter(name);
        }

        @Override
        public byte[] body(int limit) throws IOException {
            return CallbackParsers.readBody(request.getInputStream(), request.getContentLengthLong(), limit);
        }

        @Override
        public Map<String, List<String>> parsedForm() {
            var params = new LinkedHashMap<String, List<String>>();
            request.getParameterMap().forEach((name, values) -> params.put(name, List.of(values)));
            return params;
        }

        @Override
        public String url() {
            var url = request.getRequestURL().toString();
            return request.getQueryString() == null ? url : url + "?" + request.getQueryString();
        }

        @Override
        public String pathAndQuery() {
            var uri = request.getRequestURI();
            return request.getQueryString() == null ? uri : uri + "?" + request.getQueryString();
        }

        @Override
        public boolean mayWait() {
            return true;
        }
    }
}
