package com.mobilemarketing.ingest;

import org.springframework.http.HttpStatus;

/** A callback refused before anything is stored; the reason is short plain text for the provider's log. */
public class BadCallbackException extends RuntimeException {

    private final HttpStatus status;

    public BadCallbackException(HttpStatus status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    static BadCallbackException malformed(String what) {
        return new BadCallbackException(HttpStatus.BAD_REQUEST, "malformed: " + what);
    }
}
