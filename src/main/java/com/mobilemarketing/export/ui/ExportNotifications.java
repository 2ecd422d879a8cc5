package com.mobilemarketing.export.ui;

import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.ui.LiveSubscription;
import com.mobilemarketing.export.ExportEvents;
import com.mobilemarketing.export.ExportEvents.ExportEvent;
import com.mobilemarketing.export.ExportEvents.Kind;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.annotation.SpringComponent;

/**
 * Tells a marketer, by server push and wherever they are in the app, that one of their exports
 * finished or failed. Each UI of a signed-in marketer listens for its user's jobs from its first
 * navigation until it is detached, so closed tabs leave no listener behind.
 */
@SpringComponent
public class ExportNotifications implements VaadinServiceInitListener {

    private static final String SUBSCRIBED = ExportNotifications.class.getName();

    private final ExportEvents events;
    private final CurrentUser currentUser;

    public ExportNotifications(ExportEvents events, CurrentUser currentUser) {
        this.events = events;
        this.currentUser = currentUser;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            var ui = init.getUI();
            subscribe(ui);
            // Signing in happens after the UI was made in some flows: try again on navigation.
            ui.addAfterNavigationListener(navigation -> subscribe(ui));
        });
    }

    private void subscribe(UI ui) {
        if (ComponentUtil.getData(ui, SUBSCRIBED) != null) {
            return;
        }
        var user = currentUser.find().filter(u -> u.accountId() != null);
        if (user.isEmpty()) {
            return;
        }
        var subscription =
                events.subscribeUser(user.get().id(), e -> LiveSubscription.access(ui, e.accountId(), () -> show(e)));
        ComponentUtil.setData(ui, SUBSCRIBED, subscription);
        ui.addDetachListener(detach -> {
            LiveSubscription.close(subscription);
            ComponentUtil.setData(ui, SUBSCRIBED, null);
        });
    }

    private static void show(ExportEvent event) {
        var ui = UI.getCurrent();
        var done = event.kind() == Kind.DONE;
        String text;
        if (done) {
            text = ui.getTranslation("export.notification.done", event.fileName());
        } else {
            var error = event.error() == null ? "" : event.error();
            var newline = error.indexOf('\n');
            var key = newline < 0 ? error : error.substring(0, newline);
            text = ui.getTranslation(
                    "export.notification.failed", event.fileName(), key.isEmpty() ? "" : ui.getTranslation(key));
        }
        var notification = new Notification();
        notification.setId("export-notification-" + event.jobId());
        notification.addClassName("export-notification");
        notification.addThemeVariants(done ? NotificationVariant.SUCCESS : NotificationVariant.ERROR);
        notification.setDuration(done ? 8000 : 0);
        notification.setPosition(Notification.Position.BOTTOM_END);
        var open = new Button(ui.getTranslation("export.notification.open"), e -> {
            notification.close();
            ui.navigate(FilesView.class);
        });
        open.addThemeVariants(ButtonVariant.TERTIARY);
        var close = new Button(ui.getTranslation("common.close"), e -> notification.close());
        close.addThemeVariants(ButtonVariant.TERTIARY);
        var layout = new HorizontalLayout(new Span(text), open, close);
        layout.setAlignItems(FlexComponent.Alignment.CENTER);
        notification.add(layout);
        notification.open();
    }
}
