package com.mobilemarketing.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

/**
 * Requests Tomcat refuses before the app sees them, sent over real HTTP to a Tomcat set up like
 * the app's: a page URL with a query over the header size limit gets the app's own page, a
 * machine endpoint plain text, never Tomcat's bare error page.
 */
class FriendlyErrorPageTest {

    private WebServer server;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startTomcat() throws Exception {
        var factory = new TomcatServletWebServerFactory(0);
        factory.setAddress(InetAddress.getLoopbackAddress());
        new FriendlyErrorPageCustomizer().customize(factory);
        server = factory.getWebServer();
        server.start();
    }

    @AfterEach
    void stopTomcat() {
        server.stop();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getPort() + pathAndQuery);
    }

    @Test
    void aQueryOverTheHeaderLimitGetsTheAppsOwnPage() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/mobile-marketing/dashboard?q=" + "x".repeat(10_000))));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(response.body())
                .contains("Nie można otworzyć tego adresu", "This address cannot be opened", "<a href=\"/\">")
                .doesNotContain("HTTP Status", "Tomcat");
    }

    @Test
    void aMachineEndpointGetsPlainText() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/callbacks/sms/1/1"))
                .header("X-Padding", "x".repeat(10_000))
                .POST(HttpRequest.BodyPublishers.ofString("MessageSid=SM1&MessageStatus=delivered")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
        assertThat(response.body()).isEqualTo("bad request\n");
    }
}
