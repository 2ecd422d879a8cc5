package com.mobilemarketing.core.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.util.DigestUtils;

/**
 * URLs of our own static files ({@code app/...}, from the top-level {@code frontend/} folder) with
 * their content hash, the way Vaadin links style sheets ({@code app/echart-connector.js?v-c=<hash>}):
 * a browser may keep such a file for a year ({@link StaticResourceCaching}), and a changed file
 * gets a new URL.
 */
public final class VersionedResources {

    private static final String ROOT = "META-INF/resources/";
    private static final Map<String, String> PATHS = new ConcurrentHashMap<>();

    private VersionedResources() {}

    /** The path with its content hash; the path itself if there is no such file. */
    public static String path(String path) {
        return PATHS.computeIfAbsent(path, VersionedResources::hashed);
    }

    private static String hashed(String path) {
        try (var in = VersionedResources.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            return in == null
                    ? path
                    : path + "?v-c=" + DigestUtils.md5DigestAsHex(in).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
