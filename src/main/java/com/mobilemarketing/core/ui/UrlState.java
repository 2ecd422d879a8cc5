package com.mobilemarketing.core.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Query parameters of a page that several panels share: each panel reads its keys on navigation and
 * writes them back when the user changes something, so the URL can be bookmarked and shared.
 */
public class UrlState {

    private final String route;
    private final Map<String, String> values = new LinkedHashMap<>();

    public UrlState(String route) {
        this.route = route;
    }

    public void read(QueryParameters parameters) {
        values.clear();
        parameters.getParameters().forEach((key, list) -> {
            if (!list.isEmpty()) {
                values.put(key, list.getFirst());
            }
        });
    }

    /** The current parameters, e.g. to carry them to another page and back. */
    public QueryParameters toQueryParameters() {
        var parameters = new LinkedHashMap<String, List<String>>();
        values.forEach((k, v) -> parameters.put(k, List.of(v)));
        return new QueryParameters(parameters);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Sets (or with null removes) one parameter and updates the browser's URL without a reload. */
    public void put(String key, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        var ui = UI.getCurrent();
        if (ui != null) {
            ui.getPage()
                    .getHistory()
                    .replaceState(null, route + "?" + toQueryParameters().getQueryString());
        }
    }
}
