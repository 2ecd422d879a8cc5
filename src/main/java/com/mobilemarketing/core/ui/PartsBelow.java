package com.mobilemarketing.core.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.html.Div;
import java.util.function.Consumer;

/**
 * The parts of a page below its first screen, sent in a second round trip. The page's first
 * response carries what the user came for first (the tiles, the funnel, the first rows); once the
 * browser has applied it, in the same frame, it asks for this part, and {@code fill} adds its
 * components and draws them. Applying the first response is most of a page load in the browser,
 * and it shrinks with every element left for later. Laid out as if its components were the
 * parent's own; while empty it keeps a screen's height (styles.css), so what is below it does not
 * jump.
 */
public class PartsBelow extends Div {

    private final Consumer<PartsBelow> fill;
    private boolean shown;

    public PartsBelow(Consumer<PartsBelow> fill) {
        this.fill = fill;
        addClassName("parts-below");
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (!shown) {
            getElement().executeJs("requestAnimationFrame(() => this.$server.show())");
        }
    }

    /** Called by the browser once it has applied the first response; a second call does nothing. */
    @ClientCallable
    public void show() {
        if (!shown) {
            shown = true;
            fill.accept(this);
        }
    }

    public boolean shown() {
        return shown;
    }
}
