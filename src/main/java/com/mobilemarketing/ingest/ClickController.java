package com.mobilemarketing.ingest;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.live.LiveUpdates;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The click redirector: {@code /r/{token}} records the click and redirects (302) to the link's
 * registered URL only, never to anything taken from the request. Link-preview fetchers of
 * messengers and social sites are redirected too but not counted; HEAD requests neither.
 */
@RestController
public class ClickController {

    /** User agents of link-preview fetchers and crawlers: they open links nobody clicked. */
    static final Pattern PREVIEW_AGENTS = Pattern.compile(
            "(?i)whatsapp|viber|facebookexternalhit|facebot|meta-externalagent|slackbot|slack-imgproxy|twitterbot"
                    + "|telegrambot|linkedinbot|discordbot|googlebot|bingbot|applebot|skypeuripreview|pinterest"
                    + "|redditbot|embedly|iframely|vkshare|yandexbot|bot/|crawler|spider|preview");

    private static final MediaType PLAIN_UTF8 = MediaType.parseMediaType("text/plain;charset=UTF-8");

    private final LinkTokens tokens;
    private final ClickRepository clicks;
    private final LiveUpdates liveUpdates;
    private final Clock clock;

    public ClickController(LinkTokens tokens, ClickRepository clicks, LiveUpdates liveUpdates, Clock clock) {
        this.tokens = tokens;
        this.clicks = clicks;
        this.liveUpdates = liveUpdates;
        this.clock = clock;
    }

    @GetMapping("/r/{token}")
    public ResponseEntity<String> click(
            @PathVariable String token,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) @Nullable String userAgent,
            HttpServletRequest request) {
        var target = tokens.parse(token).orElse(null);
        if (target == null) {
            return notFound();
        }
        var url = Tenant.call(target.accountId(), () -> clicks.findUrl(target))
                .map(ClickController::httpUri)
                .orElse(null);
        if (url == null) {
            return notFound();
        }
        if (counts(request.getMethod(), userAgent)) {
            var now = clock.instant();
            Tenant.run(target.accountId(), () -> clicks.recordClick(target, now, userAgent));
            liveUpdates.changed(new LiveUpdates.Change(target.accountId(), Set.of(target.messageId()), now));
        }
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(url)
                .cacheControl(CacheControl.noStore())
                .build();
    }

    /** Another method on a click link. */
    @RequestMapping("/r/{token}")
    public ResponseEntity<String> otherMethod() {
        return MethodNotAllowed.allowing("GET, HEAD");
    }

    /** Any other URL under /r: the same plain 404 as an unknown token, not the UI's page. */
    @RequestMapping("/r/**")
    public ResponseEntity<String> unknownUrl() {
        return notFound();
    }

    /** Only absolute http(s) URLs are followed, whatever got registered. */
    private static @Nullable URI httpUri(String url) {
        try {
            var uri = URI.create(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    ? uri
                    : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean counts(String method, @Nullable String userAgent) {
        return "GET".equals(method)
                && (userAgent == null || !PREVIEW_AGENTS.matcher(userAgent).find());
    }

    private static ResponseEntity<String> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(PLAIN_UTF8)
                .body("Link not found.\n");
    }
}
