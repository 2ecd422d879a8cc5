package com.mobilemarketing.ingest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The plain 405 of the ingest endpoints, naming the methods they take. */
final class MethodNotAllowed {

    private static final MediaType PLAIN_UTF8 = MediaType.parseMediaType("text/plain;charset=UTF-8");

    private MethodNotAllowed() {}

    static ResponseEntity<String> allowing(String methods) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .header(HttpHeaders.ALLOW, methods)
                .contentType(PLAIN_UTF8)
                .body("method not allowed\n");
    }
}
