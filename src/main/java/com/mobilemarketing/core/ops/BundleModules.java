package com.mobilemarketing.core.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The modules of Vaadin's production bundle that every page loads at start. The page's entry script
 * imports them only one after another — Flow's bootstrap once the {@code init} round trip is
 * answered, then the components' chunk (880 KB, with its shared chunks), then Flow's client once that
 * has run — so each waits for the previous one to be fetched and run. Listed in the page's head as
 * {@code <link rel="modulepreload">}, they are fetched and compiled while the entry script runs: on a
 * first visit the downloads start with the page, on a repeat visit the cache reads do. Read from the
 * packaged bundle once; empty when there is none (development mode), so nothing is linked then.
 */
public final class BundleModules {

    private static final String WEBAPP = "META-INF/VAADIN/webapp/";
    private static final Pattern ENTRY_SCRIPT = Pattern.compile("src=\"\\./(VAADIN/build/indexhtml-[\\w-]+\\.js)\"");
    private static final Pattern IMPORTED = Pattern.compile("[\"`']\\./([\\w.-]+\\.js)[\"`']");
    private static final List<String> PRELOADS = read();

    private BundleModules() {}

    /** The paths to preload, relative to the app's root (e.g. {@code VAADIN/build/FlowClient-XDkeHcOw.js}). */
    public static List<String> preloads() {
        return PRELOADS;
    }

    /** The entry script named by the bundle's index page, or null. */
    static @Nullable String entryScript(String indexHtml) {
        var matcher = ENTRY_SCRIPT.matcher(indexHtml);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** Every module the entry script refers to by its relative name, as paths beside the entry script. */
    static List<String> importedBy(String entryPath, String entryScript) {
        var folder = entryPath.substring(0, entryPath.lastIndexOf('/') + 1);
        var modules = new LinkedHashSet<String>();
        var matcher = IMPORTED.matcher(entryScript);
        while (matcher.find()) {
            modules.add(folder + matcher.group(1));
        }
        return List.copyOf(modules);
    }

    private static List<String> read() {
        var index = resource(WEBAPP + "index.html");
        var entryPath = index == null ? null : entryScript(index);
        var entry = entryPath == null ? null : resource(WEBAPP + entryPath);
        return entry == null ? List.of() : importedBy(entryPath, entry);
    }

    private static @Nullable String resource(String name) {
        try (InputStream in = BundleModules.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
