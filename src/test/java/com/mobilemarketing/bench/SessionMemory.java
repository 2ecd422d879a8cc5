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

    record Outcome(int sessions, long baselineBytes, long withSessionsBytes) {
        long perSessionBytes() {
            return (withSessionsBytes - baselineBytes) / sessions;
        }
    }

    private SessionMemory() {}

    static Outcome measure(ApplicationContext context, String username, int sessions) {
        var routes = new Routes().autoDiscoverViews("com.mobilemarketing");
        Function0<UI> uiFactory = UI::new;
        var servlet = new MockSpringServlet(routes, context, uiFactory);
        var users = context.getBean(UserRepository.class);
        // Warm-up: class loading, route and translation caches, pools; then forget these sessions.
        for (int i = 0; i < 3; i++) {
            openDashboard(servlet, uiFactory, users, username);
        }
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
        var baseline = Heap.liveBytes();
        var held = new ArrayList<VaadinSession>(sessions);
        for (int i = 0; i < sessions; i++) {
            held.add(openDashboard(servlet, uiFactory, users, username));
        }
        SecurityContextHolder.clearContext();
        var with = Heap.liveBytes();
        if (held.stream().anyMatch(s -> s.getUIs().isEmpty())) {
            throw new IllegalStateException("A session lost its UI");
        }
        held.clear();
        MockVaadin.tearDown();
        return new Outcome(sessions, baseline, with);
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
        if (!(UI.getCurrent().getCurrentView() instanceof DashboardView)) {
            throw new IllegalStateException("Not on the dashboard: " + UI.getCurrent().getCurrentView());
        }
        return VaadinSession.getCurrent();
    }
}
