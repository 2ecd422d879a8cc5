package com.mobilemarketing;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.SerializableBiConsumer;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Grid cells drawn by a {@link LitRenderer}, as a UI test sees them: the properties the server sends
 * for a row (what the cell's template shows) and what the browser does when the template calls one
 * of the renderer's functions, e.g. on a click on a button in the cell. Karibu Testing 2.7 only
 * fills a template's plain {@code ${item.x}} values into its text ({@code GridKt._getFormatted}) and
 * cannot call a function.
 */
public final class LitCells {

    private LitCells() {}

    /** The template properties of the cell in {@code row} (null values included). */
    public static <T> Map<String, Object> properties(Grid<T> grid, int row, String columnKey) {
        var item = GridKt._get(grid, row);
        var properties = new HashMap<String, Object>();
        renderer(grid, columnKey).getValueProviders().forEach((name, value) -> properties.put(name, value.apply(item)));
        return properties;
    }

    /** Calls {@code function} of the cell's template for the item of {@code row}, as the browser does. */
    @SuppressWarnings("unchecked")
    public static <T> void call(Grid<T> grid, int row, String columnKey, String function) {
        var item = GridKt._get(grid, row);
        Map<String, SerializableBiConsumer<T, ArrayNode>> functions;
        try {
            // The renderer keeps its functions to itself; its return channel looks them up the same way.
            var field = LitRenderer.class.getDeclaredField("clientCallables");
            field.setAccessible(true);
            functions = (Map<String, SerializableBiConsumer<T, ArrayNode>>) field.get(renderer(grid, columnKey));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("LitRenderer changed: its functions cannot be found", e);
        }
        var handler = functions.get(function);
        if (handler == null) {
            throw new AssertionError(
                    "Column " + columnKey + " has no function " + function + ", only " + functions.keySet());
        }
        handler.accept(item, JsonNodeFactory.instance.arrayNode());
    }

    @SuppressWarnings("unchecked")
    private static <T> LitRenderer<T> renderer(Grid<T> grid, String columnKey) {
        var column = grid.getColumnByKey(columnKey);
        if (column == null) {
            throw new AssertionError("No column " + columnKey);
        }
        if (column.getRenderer() instanceof ComponentRenderer<?, ?>
                || !(column.getRenderer() instanceof LitRenderer<?> renderer)) {
            throw new AssertionError("Column " + columnKey + " is not drawn by a LitRenderer: " + column.getRenderer());
        }
        return (LitRenderer<T>) renderer;
    }
}
