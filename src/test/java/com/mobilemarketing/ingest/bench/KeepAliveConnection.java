package com.mobilemarketing.ingest.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket, for one sender thread: writes ready-made
 * request bytes and reads the status line, the headers it needs and the body. A fraction of the
 * CPU of {@code java.net.http.HttpClient}, so the load generator leaves the cores to the app. It
 * reconnects by itself when the server closed the connection ({@code Connection: close}, a
 * restart); an I/O error closes it and is thrown to the caller.
 */
final class KeepAliveConnection implements AutoCloseable {

    private final InetSocketAddress address;
    private final int timeoutMillis;
    private final byte[] line = new byte[8192];
    private final byte[] discard = new byte[8192];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveConnection(InetSocketAddress address, int timeoutMillis) {
        this.address = address;
        this.timeoutMillis = timeoutMillis;
    }

    /** Sends one complete request and returns the answer's status code, the body read and dropped. */
    int exchange(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        var s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(address, timeoutMillis);
            in = new BufferedInputStream(s.getInputStream(), 16384);
            out = s.getOutputStream();
            socket = s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private int readResponse() throws IOException {
        var statusLine = readLine();
        // "HTTP/1.1 200 OK" (the reason phrase may be missing)
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = statusLine.startsWith("HTTP/1.0");
        for (String header; !(header = readLine()).isEmpty(); ) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            var name = header.substring(0, colon).trim();
            var value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closeAfter = value.equalsIgnoreCase("close");
            }
        }
        if (chunked) {
            for (long size; (size = Long.parseLong(chunkSize(readLine()), 16)) > 0; ) {
                skip(size);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else if (contentLength >= 0) {
            skip(contentLength);
        } else if (status >= 200 && status != 204 && status != 304) {
            // Neither length nor chunks: the body ends with the connection.
            while (in.read(discard) >= 0) {
                // drop
            }
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return status;
    }

    private static String chunkSize(String line) {
        int semicolon = line.indexOf(';');
        return (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
    }

    private void skip(long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            int n = in.read(discard, 0, (int) Math.min(discard.length, left));
            if (n < 0) {
                throw new EOFException("answer cut off");
            }
            left -= n;
        }
    }

    /** One header line without its CRLF (ISO-8859-1, as HTTP headers are). */
    private String readLine() throws IOException {
        int length = 0;
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (length == line.length) {
                throw new IOException("header line too long");
            }
            line[length++] = (byte) b;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
            in = null;
            out = null;
        }
    }
}
