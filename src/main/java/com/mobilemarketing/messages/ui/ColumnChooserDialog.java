package com.mobilemarketing.messages.ui;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.core.ui.IconButton;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.shared.Tooltip;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Personalize ("Personalizuj", product.md §2.3): the user picks the grid's columns and their order
 * (up / down), adds optional ones, removes any but the last, or restores the defaults. The choice is
 * per tab, which the dialog says; "apply to all tabs" stores it for every tab. Reports the choice
 * through {@code onSave}; the panel stores it.
 */
class ColumnChooserDialog extends Dialog {

    private final Function<String, String> label;
    private final BiConsumer<List<String>, Boolean> onSave;
    private final List<String> chosen;
    private final UnorderedList chosenList = new UnorderedList();
    private final UnorderedList availableList = new UnorderedList();

    private final Checkbox allTabs = new Checkbox();

    /** {@code onSave} gets the columns and whether they are for every tab. */
    ColumnChooserDialog(
            List<String> current,
            Function<String, String> label,
            String tabName,
            BiConsumer<List<String>, Boolean> onSave) {
        this.label = label;
        this.onSave = onSave;
        this.chosen = new ArrayList<>(current);
        setId("columns-dialog");
        setHeaderTitle(getTranslation("messages.columns.title"));
        setModal(true);
        setDraggable(false);
        addClassNames("columns-dialog");
        var perTab = new Paragraph(getTranslation("messages.columns.per-tab", tabName));
        perTab.setId("columns-per-tab");
        perTab.addClassNames(LumoUtility.Margin.Top.NONE, LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        allTabs.setLabel(getTranslation("messages.columns.all-tabs"));
        allTabs.setId("columns-all-tabs");
        add(perTab, createLists(), allTabs);
        getFooter().add(createFooter());
        render();
    }

    private Component createLists() {
        chosenList.setId("columns-chosen");
        availableList.setId("columns-available");
        chosenList.addClassNames("columns-list");
        availableList.addClassNames("columns-list");
        var chosenTitle = new H4(getTranslation("messages.columns.chosen"));
        var availableTitle = new H4(getTranslation("messages.columns.available"));
        var chosenBox = new Div(chosenTitle, chosenList);
        var availableBox = new Div(availableTitle, availableList);
        var lists = new Div(chosenBox, availableBox);
        lists.addClassNames(
                "columns-lists", LumoUtility.Display.FLEX, LumoUtility.Gap.LARGE, LumoUtility.FlexWrap.WRAP);
        return lists;
    }

    private Component createFooter() {
        var restore = new Button(getTranslation("messages.columns.restore"), AppIcon.ROTATE_LEFT.create(), event -> {
            chosen.clear();
            chosen.addAll(MessageColumn.keys(MessageColumn.DEFAULTS));
            render();
        });
        restore.setId("columns-restore");
        restore.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var cancel = new Button(getTranslation("common.cancel"), event -> close());
        cancel.setId("columns-cancel");
        var save = new Button(getTranslation("messages.columns.save"), event -> {
            onSave.accept(List.copyOf(chosen), allTabs.getValue());
            close();
        });
        save.setId("columns-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var footer = new Div(restore, cancel, save);
        footer.addClassNames(LumoUtility.Display.FLEX, LumoUtility.Gap.SMALL, LumoUtility.Width.FULL, "columns-footer");
        return footer;
    }

    private void render() {
        chosenList.removeAll();
        for (int i = 0; i < chosen.size(); i++) {
            var key = chosen.get(i);
            var index = i;
            var up = columnButton("up", AppIcon.ARROW_UP, key, () -> move(index, -1));
            up.setEnabled(index > 0);
            var down = columnButton("down", AppIcon.ARROW_DOWN, key, () -> move(index, 1));
            down.setEnabled(index < chosen.size() - 1);
            var remove = columnButton("remove", AppIcon.CLOSE_SMALL, key, () -> {
                chosen.remove(key);
                render();
            });
            // The grid keeps at least one column.
            remove.setEnabled(chosen.size() > 1);
            chosenList.add(row(key, up, down, remove));
        }
        availableList.removeAll();
        for (var key : MessageColumn.keys(MessageColumn.ALL)) {
            if (!chosen.contains(key)) {
                var add = columnButton("add", AppIcon.PLUS, key, () -> {
                    chosen.add(key);
                    render();
                });
                availableList.add(row(key, add));
            }
        }
    }

    private ListItem row(String key, Component... buttons) {
        var name = new Span(label.apply(key));
        name.addClassNames(LumoUtility.Flex.GROW);
        var item = new ListItem(name);
        item.add(buttons);
        item.addClassNames(
                "columns-item", LumoUtility.Display.FLEX, LumoUtility.AlignItems.CENTER, LumoUtility.Gap.XSMALL);
        return item;
    }

    private void move(int index, int delta) {
        var target = index + delta;
        if (target >= 0 && target < chosen.size()) {
            chosen.add(target, chosen.remove(index));
            render();
        }
    }

    /** A button acting on column {@code key}: id {@code columns-<action>-<key>}, named by {@code messages.columns.<action>}. */
    private Button columnButton(String action, AppIcon icon, String key, Runnable run) {
        var button = IconButton.create(
                "columns-" + action + "-" + key,
                icon,
                getTranslation("messages.columns." + action, label.apply(key)),
                run,
                ButtonVariant.LUMO_TERTIARY_INLINE,
                ButtonVariant.LUMO_SMALL);
        // Beside the button, not below it: after a click the list moves up under the pointer, and a
        // tooltip below would cover the next row's buttons.
        button.getTooltip().setPosition(Tooltip.TooltipPosition.END);
        return button;
    }
}
