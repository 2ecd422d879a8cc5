package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.AnalyticsRepository;
import com.mobilemarketing.analytics.AnalyticsRepository.MessageHeader;
import com.mobilemarketing.analytics.RecipientListRepository;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.ui.AppIcon;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the sections of one message's analytics page share: the message, its figures and recipient lists,
 * the "Who?" dialogs, texts in the page's language and the building blocks (section, table row,
 * "Who?" button) that give the sections one look.
 */
record AnalyticsPage(
        Component host,
        Locale locale,
        MessageHeader message,
        AnalyticsRepository repository,
        RecipientListRepository recipients,
        RecipientsDialogs dialogs) {

    /** Runs a query in the message's account: the marketer's own, or the one support opened. */
    <T> T inAccount(Supplier<T> query) {
        return Tenant.call(message.accountId(), query);
    }

    String tr(String key, Object... parameters) {
        return host.getTranslation(key, parameters);
    }

    VerticalLayout section(String titleKey) {
        var section = new VerticalLayout(new H3(tr(titleKey)));
        section.setPadding(false);
        section.setSpacing(false);
        section.addClassName("analytics-section");
        return section;
    }

    Button whoButton(String id, String listName, Runnable open) {
        var button = new Button(tr("common.who"), AppIcon.USERS.create(), e -> open.run());
        button.setId(id);
        button.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
        button.setAriaLabel(tr("analytics.who.aria", listName, message.name()));
        return button;
    }

    /** A row of a small table; null cells are left out. */
    Div tableRow(boolean header, String... cells) {
        var row = new Div();
        row.addClassName(header ? "analytics-table-head" : "analytics-table-row");
        row.getElement().setAttribute("role", "row");
        for (var text : cells) {
            if (text == null) {
                continue;
            }
            var cell = cell(new Span(text));
            cell.getElement().setAttribute("role", header ? "columnheader" : "cell");
            row.add(cell);
        }
        return row;
    }

    static Div cell(Component content) {
        var cell = new Div(content);
        cell.addClassName("analytics-table-cell");
        cell.getElement().setAttribute("role", "cell");
        return cell;
    }

    /** A table with its header row, as the failure groups and the links show. */
    /** A table whose columns are headed by the texts of {@code headerKeys}, then a column of "Who?" buttons. */
    Div whoTable(String... headerKeys) {
        var headers = new String[headerKeys.length + 1];
        for (int i = 0; i < headerKeys.length; i++) {
            headers[i] = tr(headerKeys[i]);
        }
        headers[headerKeys.length] = "";
        return table(headers);
    }

    Div table(String... headers) {
        var table = new Div();
        table.addClassName("analytics-table");
        table.getElement().setAttribute("role", "table");
        table.add(tableRow(true, headers));
        return table;
    }
}
