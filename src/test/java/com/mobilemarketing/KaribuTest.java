package com.mobilemarketing;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.KaribuConfig;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.mobilemarketing.core.security.AppUserDetails;
import com.mobilemarketing.core.security.UserRepository;
import com.mobilemarketing.core.ui.PartsBelow;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.VaadinServletRequest;
import java.util.Optional;
import java.util.stream.Stream;
import kotlin.Unit;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Base of the UI tests: a mocked Vaadin environment on the real Spring context and database, with
 * routes discovered from the app. {@link #login} signs in one of the demo users.
 */
public abstract class KaribuTest extends AbstractDatabaseTest {

    private static Routes routes;

    @Autowired
    private ApplicationContext context;

    @Autowired
    private UserRepository users;

    @BeforeAll
    static void discoverRoutes() {
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("com.mobilemarketing");
            KaribuConfig.getPendingJavascriptInvocationHandlers().add(KaribuTest::runAsTheBrowser);
        }
    }

    /**
     * Does what the browser does with the one script of ours a test depends on: once a response is
     * applied, a page's parts below its first screen are asked for ({@link PartsBelow}, whose only
     * script that is).
     */
    private static Unit runAsTheBrowser(PendingJavaScriptInvocation invocation) {
        Element.get(invocation.getOwner())
                .getComponent()
                .filter(PartsBelow.class::isInstance)
                .map(PartsBelow.class::cast)
                .ifPresent(PartsBelow::show);
        return Unit.INSTANCE;
    }

    /**
     * A component of the current view by id, visible or not, found by walking the tree as it is:
     * unlike a Karibu lookup, it does not first play the browser's next round trip.
     */
    protected static Optional<Component> find(String id) {
        return descendants(UI.getCurrent().getCurrentView())
                .filter(c -> c.getId().filter(id::equals).isPresent())
                .findFirst();
    }

    private static Stream<Component> descendants(Component component) {
        return Stream.concat(Stream.of(component), component.getChildren().flatMap(KaribuTest::descendants));
    }

    @BeforeEach
    void setUpVaadin() {
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(routes, context, uiFactory));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    /** Signs in a demo user (password "demo") and navigates to the start page. */
    protected AppUserDetails login(String username) {
        var details = users.findByUsername(username).orElseThrow();
        var authentication = new UsernamePasswordAuthenticationToken(details, null, details.getAuthorities());
        SecurityContextHolder.getContext().setAuthentication(authentication);
        var request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, role) -> details.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + role)));
        UI.getCurrent().getPage().reload();
        return details;
    }
}
