package com.mobilemarketing.core.web;

import com.mobilemarketing.core.i18n.TranslationProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to a request that Tomcat refuses before the app sees it, e.g. a URL whose query is
 * over the header size limit: the app's own short page (Polish and English, since the request's
 * language is not known) with a way back to the dashboard instead of Tomcat's bare page, and plain
 * text for the machine endpoints. Errors the app answers itself are left alone.
 */
public class FriendlyErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(FriendlyErrorReportValve.class);
    private static final List<String> LANGUAGES = List.of("pl", "en");

    private final Map<String, Map<String, String>> texts =
            Map.of("pl", TranslationProvider.load("pl"), "en", TranslationProvider.load("en"));

    public FriendlyErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        // The raw request line's path: Tomcat may have refused the request before decoding it.
        var uri = request.getCoyoteRequest().requestURI().toString();
        boolean machine = uri != null && (uri.startsWith("/callbacks/") || uri.startsWith("/r/"));
        try {
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentType(machine ? "text/plain;charset=UTF-8" : "text/html;charset=UTF-8");
            var writer = response.getReporter();
            if (writer == null) {
                return; // the response can no longer be written to
            }
            writer.write(machine ? "bad request\n" : page());
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not write the error page", e);
        }
    }

    private String page() {
        var html = new StringBuilder("<!doctype html><html lang=\"pl\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(text("pl", "app.name"))
                .append("</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;"
                        + "padding:0 1rem;line-height:1.5;color:#1a2a3a}h1{font-size:1.4rem}</style></head><body>");
        for (var language : LANGUAGES) {
            html.append("<section lang=\"")
                    .append(language)
                    .append("\"><h1>")
                    .append(text(language, "error.bad-request.title"))
                    .append("</h1><p>")
                    .append(text(language, "error.bad-request.text"))
                    .append("</p><p><a href=\"/\">")
                    .append(text(language, "error.not-found.back"))
                    .append("</a></p></section>");
        }
        return html.append("</body></html>").toString();
    }

    /** Our own bundle texts, escaped for HTML all the same. */
    private String text(String language, String key) {
        var text = texts.get(language).getOrDefault(key, key);
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
