package com.mobilemarketing.core;

import com.mobilemarketing.core.db.EmbeddedDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether this app runs as a demo: {@code app.demo.enabled}, by default on with the embedded
 * database and off with an external one. Only a demo generates demo data, shows the demo users on
 * the sign-in page, accepts their password and the built-in development link secret.
 */
@Component
public class DemoMode {

    /** The password of every generated demo user. */
    public static final String DEMO_PASSWORD = "demo";

    private final boolean on;

    /**
     * The one {@code @Value} of the app: the flag is bound by the demo feature's {@code DemoProperties},
     * which core may not import (core depends on no feature), and only its presence matters here.
     */
    @Autowired
    public DemoMode(ObjectProvider<EmbeddedDatabase> embeddedDatabase, @Value("${app.demo.enabled:}") String enabled) {
        this(enabled.isBlank() ? embeddedDatabase.getIfAvailable() != null : Boolean.parseBoolean(enabled));
    }

    public DemoMode(boolean on) {
        this.on = on;
    }

    public boolean isOn() {
        return on;
    }
}
