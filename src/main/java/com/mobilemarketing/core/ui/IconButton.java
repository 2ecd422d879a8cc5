package com.mobilemarketing.core.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;

/** A button that shows only an icon: its label is its accessible name and its tooltip. */
public final class IconButton {

    private IconButton() {}

    public static Button create(String id, AppIcon icon, String label, Runnable action, ButtonVariant... variants) {
        var button = new Button(icon.create(), event -> action.run());
        button.setId(id);
        button.setAriaLabel(label);
        button.setTooltipText(label);
        button.addThemeVariants(variants);
        return button;
    }
}
