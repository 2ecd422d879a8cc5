package com.mobilemarketing.core.ui;

import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

/** The app's search box: a magnifier in front, a clear button, a length limit, searching as one types. */
public final class SearchField {

    private SearchField() {}

    /** A search box with {@code id}, labelled for screen readers by {@code label}, hinting {@code placeholder}. */
    public static TextField create(String id, String label, String placeholder, int maxLength) {
        var field = new TextField();
        field.setId(id);
        field.setAriaLabel(label);
        field.setPlaceholder(placeholder);
        field.setPrefixComponent(AppIcon.SEARCH.create());
        field.setClearButtonVisible(true);
        field.setMaxLength(maxLength);
        field.setValueChangeMode(ValueChangeMode.LAZY);
        return field;
    }
}
