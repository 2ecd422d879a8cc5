package com.mobilemarketing.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Sign-in over real HTTP against the running app (the demo is off, as with an external database):
 * the form needs its CSRF token, failed attempts are throttled per user name without telling
 * whether the user exists, the demo password is refused, and Vaadin pages carry their policies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "app.login.first-delay=3s")
@ExtendWith(OutputCaptureExtension.class)
class SignInSecurityTest extends AbstractDatabaseTest {

    private static final long TEST_USER_ID = 9_001;
    private static final String PASSWORD = "a-real-password-for-tests";
    private static final Pattern META = Pattern.compile("<meta name=\"(_csrf(?:_parameter)?)\" content=\"([^\"]*)\"");
    private static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*>");
    private static final Pattern NONCE = Pattern.compile("'nonce-([^']+)'");

    @LocalServerPort
    int port;

    @Autowired
    PasswordEncoder passwordEncoder;

    private HttpClient browser;

    @BeforeEach
    void newBrowserAndUser() {
        browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        db.execute(
                "insert into app_user (id, account_id, username, password_hash, full_name, role, locale) "
                        + "values (?, ?, ?, ?, 'Throttle Test', 'MARKETER', 'en') on conflict (id) do nothing",
                TEST_USER_ID,
                FLORA,
                "throttle-test",
                passwordEncoder.encode(PASSWORD));
    }

    @Test
    void vaadinPagesSendTheirPoliciesAndEveryScriptCarriesTheNonce() throws Exception {
        var page = get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        var policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'")
                .doesNotContain("script-src 'self' 'unsafe-inline'");
        var nonce = NONCE.matcher(policy).results().findFirst().orElseThrow().group(1);
        var scripts = SCRIPT.matcher(page.body()).results().map(m -> m.group()).toList();
        assertThat(scripts).isNotEmpty().allSatisfy(script -> assertThat(script).contains("nonce=\"" + nonce + "\""));
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(page.headers().firstValue("Permissions-Policy").orElseThrow())
                .contains("camera=()", "microphone=()", "geolocation=()");
        // A fresh nonce for every page.
        var again =
                get("/login").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(again).isNotEqualTo(policy);
    }

    @Test
    void theLoginFormNeedsItsCsrfToken() throws Exception {
        get("/login");
        var withoutToken = post("/login", Map.of("username", "throttle-test", "password", PASSWORD));
        // Refused before the password is looked at: back to the sign-in page, not signed in.
        assertThat(location(withoutToken)).isEqualTo("/login");
        assertThat(location(get("/"))).isEqualTo("/login");
        assertThat(signIn("throttle-test", PASSWORD)).isEqualTo("/");
    }

    @Test
    void fiveFailuresPauseTheUserNameAndTheRightPasswordWorksAfterTheDelay(CapturedOutput output) throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("Throttle-Test", "wrong-" + i)).isEqualTo("/login?error");
        }
        // Paused: even the right password is refused, with how long to wait.
        assertThat(signIn("throttle-test", PASSWORD)).isEqualTo("/login?throttled=1");
        assertThat(output)
                .contains("Sign-in failed for user name 'Throttle-Test' from 127.0.0.1")
                .contains("for user name 'throttle-test' from 127.0.0.1")
                .contains("Sign-in refused (throttled");
        Thread.sleep(3_500);
        assertThat(signIn("throttle-test", PASSWORD)).isEqualTo("/");
    }

    @Test
    void anUnknownUserNameIsPausedTheSameWay() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("nobody-here", "wrong-" + i)).isEqualTo("/login?error");
        }
        assertThat(signIn("nobody-here", "anything")).isEqualTo("/login?throttled=1");
    }

    @Test
    void aUserNameWithANulCharacterIsAWrongUserNameNotADatabaseError(CapturedOutput output) throws Exception {
        assertThat(signIn("throttle\0test", PASSWORD)).isEqualTo("/login?error");
        assertThat(output)
                .contains("Sign-in failed for user name 'throttle?test' from 127.0.0.1")
                .doesNotContain("invalid byte sequence");
    }

    @Test
    void theDemoPasswordIsRefusedOutsideTheDemo() throws Exception {
        assertThat(signIn("anna", "demo")).isEqualTo("/login?error");
    }

    /** Signs in like the login form does (token from the page's meta tags); where the app redirects to. */
    private String signIn(String username, String password) throws IOException, InterruptedException {
        browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var page = get("/login");
        var meta = META.matcher(page.body())
                .results()
                .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2), (a, b) -> a));
        assertThat(meta).containsKeys("_csrf", "_csrf_parameter");
        var form = new LinkedHashMap<String, String>();
        form.put("username", username);
        form.put("password", password);
        form.put(meta.get("_csrf_parameter"), meta.get("_csrf"));
        return location(post("/login", form));
    }

    /** Where a redirect leads: path and query. */
    private static String location(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(302);
        var location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        var body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
