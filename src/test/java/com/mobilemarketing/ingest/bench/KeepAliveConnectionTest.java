package com.mobilemarketing.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The load generator's HTTP client against a scripted server: lengths, chunks, closes. */
class KeepAliveConnectionTest {

    private static final byte[] REQUEST =
            "GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** Answers each request on a connection with the next scripted answer; counts connections. */
    private static Thread serve(ServerSocket server, List<String> answers, AtomicInteger connections) {
        return Thread.ofPlatform().daemon(true).start(() -> {
            int next = 0;
            while (next < answers.size()) {
                try (Socket socket = server.accept()) {
                    connections.incrementAndGet();
                    var in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    var out = socket.getOutputStream();
                    while (next < answers.size()) {
                        for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                            // request headers
                        }
                        var answer = answers.get(next++);
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        if (answer.contains("Connection: close")) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @Test
    void readsLengthChunkedAndClosingAnswersAndReconnects() throws Exception {
        try (var server = new ServerSocket(0)) {
            var connections = new AtomicInteger();
            serve(
                    server,
                    List.of(
                            "HTTP/1.1 200 \r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n",
                            "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nretry\r\n0\r\n\r\n",
                            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n",
                            "HTTP/1.1 403 \r\ncontent-length: 0\r\n\r\n"),
                    connections);
            try (var connection =
                    new KeepAliveConnection(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 5000)) {
                assertThat(connection.exchange(REQUEST)).isEqualTo(200);
                assertThat(connection.exchange(REQUEST)).isEqualTo(503);
                assertThat(connection.exchange(REQUEST)).isEqualTo(200);
                // the server closed after the third answer: a new connection for the fourth
                assertThat(connection.exchange(REQUEST)).isEqualTo(403);
            }
            assertThat(connections).hasValue(2);
        }
    }

    @Test
    void aConnectionCutOffIsAnError() throws Exception {
        try (var server = new ServerSocket(0)) {
            Thread.ofPlatform().daemon(true).start(() -> {
                try (var socket = server.accept()) {
                    socket.getInputStream().read();
                } catch (IOException ignored) {
                    // closed
                }
            });
            try (var connection =
                    new KeepAliveConnection(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 5000)) {
                assertThatThrownBy(() -> connection.exchange(REQUEST)).isInstanceOf(IOException.class);
            }
        }
    }
}
