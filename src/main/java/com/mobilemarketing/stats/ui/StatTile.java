package com.mobilemarketing.stats.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.shared.Tooltip;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.jspecify.annotations.Nullable;

/** One figure of the stats panel: label, count, its rate and the change against the previous period. */
class StatTile extends Div {

    private final Span value = new Span();
    private final Span rate = new Span();
    private final Span change = new Span();
    private final Span note = new Span();
    /*
     * Tooltips are created with their first text: most figures have none, and every tooltip is an
     * element of its own in the page's first response.
     */
    private @Nullable Tooltip valueTooltip;

    private @Nullable Tooltip noteTooltip;
    private @Nullable Tooltip changeTooltip;

    StatTile(String id, String label) {
        setId(id);
        addClassNames(
                "stat-tile",
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.XSMALL,
                LumoUtility.Padding.MEDIUM,
                LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Background.CONTRAST_5);
        getElement().setAttribute("role", "group");
        getElement().setAttribute("aria-label", label);
        var title = new Span(label);
        title.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        value.setId(id + "-value");
        value.addClassNames("stat-tile-value", LumoUtility.FontSize.XXLARGE, LumoUtility.FontWeight.SEMIBOLD);
        rate.setId(id + "-rate");
        rate.addClassNames(LumoUtility.FontSize.SMALL);
        change.setId(id + "-change");
        change.addClassNames("stat-tile-change", LumoUtility.FontSize.XSMALL);
        note.setId(id + "-note");
        note.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        note.setVisible(false);
        add(title, value, rate, change, note);
    }

    /** A small line under the change, e.g. the attribution a revenue figure is read with; {@code detail} its tooltip. */
    void setNote(String text, @Nullable String detail) {
        note.setText(text);
        note.setVisible(!text.isEmpty());
        noteTooltip = tooltip(noteTooltip, note, detail);
        if (detail == null) {
            note.getElement().removeAttribute("tabindex");
        } else {
            note.getElement().setAttribute("tabindex", "0");
        }
    }

    /** The count; with a tooltip (e.g. why a figure is not measurable) the value becomes focusable. */
    void setValue(String text, @Nullable String tooltip) {
        value.setText(text);
        valueTooltip = tooltip(valueTooltip, value, tooltip);
        describe(value, text, tooltip);
    }

    void setRate(String text) {
        rate.setText(text);
        rate.setVisible(!text.isEmpty());
    }

    /**
     * {@code trend}: positive, negative or zero, for the arrow's colour; {@code detail} (the previous
     * figure and its dates) is the tooltip and part of the accessible name.
     */
    void setChange(String text, int trend, @Nullable String detail) {
        change.setText(text);
        changeTooltip = tooltip(changeTooltip, change, detail);
        describe(change, text, detail);
        change.removeClassNames("trend-up", "trend-down");
        if (trend > 0) {
            change.addClassName("trend-up");
        } else if (trend < 0) {
            change.addClassName("trend-down");
        }
    }

    String valueText() {
        return value.getText();
    }

    @Nullable
    String valueTooltip() {
        return valueTooltip == null ? null : valueTooltip.getText();
    }

    /** Sets a figure's tooltip text, creating the tooltip with its first text. */
    private static @Nullable Tooltip tooltip(@Nullable Tooltip tooltip, Component figure, @Nullable String text) {
        if (tooltip == null && text == null) {
            return null;
        }
        var shown = tooltip == null ? Tooltip.forComponent(figure) : tooltip;
        shown.setText(text);
        return shown;
    }

    /** With a tooltip a figure becomes focusable and its accessible name says both; without, neither. */
    private static void describe(Component figure, String text, @Nullable String tooltip) {
        var element = figure.getElement();
        if (tooltip == null) {
            element.removeAttribute("tabindex");
            element.removeAttribute("aria-label");
        } else {
            element.setAttribute("tabindex", "0");
            element.setAttribute("aria-label", text + " — " + tooltip);
        }
    }
}
