package com.mobilemarketing.bench;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.mobilemarketing.core.security.UserRepository;
import com.mobilemarketing.dashboard.ui.DashboardView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.communication.UidlWriter;
import java.util.ArrayList;
import kotlin.jvm.functions.Function0;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Live heap of signed-in dashboard sessions: N mocked browser sessions (Karibu, one shared servlet
 * like one real server) each signed in and showing the dashboard, all held at once; the heap after
 * a full GC with them, minus the heap before, divided by N.
 */
final class SessionMemory {

    record Outcome(int sessions, long baselineBytes, long withSessionsBytes, String topClasses) {
        long perSessionBytes() {
            return (withSessionsBytes - baselineBytes) / sessions;
        }
    }

    /** Characters of the first responses, a hint of what the browser receives. */
    private static long responseSize;

    private SessionMemory() {}

    static Outcome measure(ApplicationContext context, String username, int sessions) {
        var routes = new Routes().autoDiscoverViews("com.mobilemarketing");
        Function0<UI> uiFactory = UI::new;
        var servlet = new MockSpringServlet(routes, context, uiFactory);
        var users = context.getBean(UserRepository.class);
        productionModeComponentTracking();
        // Warm-up: class loading, route and translation caches, pools; then forget these sessions.
        for (int i = 0; i < 3; i++) {
            openDashboard(servlet, uiFactory, users, username);
        }
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
        var baseline = Heap.liveBytes();
        var before = histogram();
        var held = new ArrayList<VaadinSession>(sessions);
        for (int i = 0; i < sessions; i++) {
            held.add(openDashboard(servlet, uiFactory, users, username));
        }
        SecurityContextHolder.clearContext();
        var with = Heap.liveBytes();
        var after = histogram();
        if (held.stream().anyMatch(s -> s.getUIs().isEmpty())) {
            throw new IllegalStateException("A session lost its UI");
        }
        held.clear();
        MockVaadin.tearDown();
        return new Outcome(sessions, baseline, with, growth(before, after, sessions));
    }

    /**
     * The mocked servlet runs in development mode, where Vaadin's component tracker keeps two stack
     * traces per component for the dev tools (about 2.7 MiB per dashboard session here); production
     * mode, as the app is deployed, turns it off. The tracker offers no switch but this flag.
     */
    private static void productionModeComponentTracking() {
        try {
            var disabled = com.vaadin.flow.component.internal.ComponentTracker.class.getDeclaredField("disabled");
            disabled.setAccessible(true);
            disabled.set(null, Boolean.TRUE);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Vaadin's component tracker changed", e);
        }
    }

    /** Bytes per class of the live heap (the JVM's class histogram, which runs a full GC first). */
    private static java.util.Map<String, Long> histogram() {
        try {
            var text = (String) java.lang.management.ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {null},
                            new String[] {String[].class.getName()});
            var bytes = new java.util.HashMap<String, Long>();
            for (var line : text.split("\n")) {
                var parts = line.trim().split("\\s+");
                if (parts.length >= 4 && parts[0].endsWith(":")) {
                    bytes.merge(parts[3], Long.parseLong(parts[2]), Long::sum);
                }
            }
            return bytes;
        } catch (javax.management.JMException e) {
            return java.util.Map.of();
        }
    }

    /** The classes whose live bytes grew most with the sessions, per session. */
    private static String growth(java.util.Map<String, Long> before, java.util.Map<String, Long> after, int sessions) {
        return after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .map(e -> String.format(java.util.Locale.ROOT, "%,d B %s", e.getValue() / sessions, e.getKey()))
                .collect(java.util.stream.Collectors.joining("; "));
    }

    private static VaadinSession openDashboard(
            MockSpringServlet servlet, Function0<UI> uiFactory, UserRepository users, String username) {
        MockVaadin.setup(uiFactory, servlet);
        var details = users.findByUsername(username).orElseThrow();
        var authentication = new UsernamePasswordAuthenticationToken(details, null, details.getAuthorities());
        SecurityContextHolder.getContext().setAuthentication(authentication);
        var request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, role) -> details.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + role)));
        UI.getCurrent().getPage().reload();
        UI.getCurrent().navigate(DashboardView.ROUTE);
        MockVaadin.clientRoundtrip(false);
        var ui = UI.getCurrent();
        if (!(ui.getCurrentView() instanceof DashboardView)) {
            throw new IllegalStateException("Not on the dashboard: " + ui.getCurrentView());
        }
        // What the server does when it answers the browser: collect the changes into the response
        // and clear them, run the pending JavaScript. Without it a mocked session would also hold
        // everything a real one has already sent.
        VaadinSession.getCurrent().lock();
        try {
            responseSize += new UidlWriter().createUidl(ui, false).toString().length();
        } finally {
            VaadinSession.getCurrent().unlock();
        }
        return VaadinSession.getCurrent();
    }
}
