package com.mobilemarketing.dashboard.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.demo.DemoPreparation;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

/**
 * While the app's readiness refuses traffic (demo data being prepared) the dashboard says so, with
 * the time so far and the estimate, instead of zeros; when the app is ready it shows the figures by
 * itself.
 */
class DashboardPreparingTest extends KaribuTest {

    @Autowired
    private ApplicationAvailability availability;

    @Autowired
    private ApplicationContext context;

    @Autowired
    private DemoPreparation preparation;

    @AfterEach
    void ready() {
        preparation.end();
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Test
    void showsThePreparationInsteadOfZerosAndTheFiguresWhenReady() throws Exception {
        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
        // As the start-up runner does: 300 000 recipient rows to write, none written yet.
        preparation.begin(300_000);
        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);

        openDashboard();
        assertThat(find("demo-preparing"))
                .hasValueSatisfying(notice -> assertThat(notice.isVisible()).isTrue());
        assertThat(text("demo-preparing-title")).isEqualTo("Przygotowujemy dane demonstracyjne");
        // Nothing written yet: the estimate comes from the assumed rate (10 000 rows/s).
        assertThat(text("demo-preparing-text"))
                .matches("Minęło \\d+ s z ok\\. 30 s\\. Liczby pojawią się tu same, gdy dane będą gotowe\\.");
        assertThat(find("stats-panel"))
                .hasValueSatisfying(panel -> assertThat(panel.isVisible()).isFalse());
        assertThat(find("message-list-panel"))
                .hasValueSatisfying(panel -> assertThat(panel.isVisible()).isFalse());
        // The hidden panel's parts below the tiles are not asked for while nobody can see them.
        assertThat(find("stats-overlap")).isEmpty();

        // Done: Spring Boot accepts traffic after the runners; the open dashboard shows the figures.
        preparation.advance(300_000);
        preparation.end();
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        var deadline = System.nanoTime() + 10_000_000_000L;
        while (find("demo-preparing").orElseThrow().isVisible() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            MockVaadin.clientRoundtrip(false);
        }
        assertThat(find("demo-preparing").orElseThrow().isVisible()).isFalse();
        assertThat(find("stats-panel").orElseThrow().isVisible()).isTrue();
        assertThat(find("message-list-panel").orElseThrow().isVisible()).isTrue();
        // The figures are read again now that the data is there: not the zeros of an empty database.
        assertThat(_get(Span.class, spec -> spec.withId("tile-sent-value")).getText())
                .isNotBlank()
                .isNotEqualTo(Formats.count(0, Locale.forLanguageTag("pl")));
        // Now shown, the panel's parts below the tiles are asked for and come.
        assertThat(find("stats-overlap")).isPresent();
    }

    @Test
    void saysTheAppIsNotReadyWhenItRefusesTrafficForAnotherReason() {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        openDashboard();
        assertThat(text("demo-preparing-title")).isEqualTo("Aplikacja nie jest jeszcze gotowa");
        assertThat(find("stats-panel"))
                .hasValueSatisfying(panel -> assertThat(panel.isVisible()).isFalse());
    }

    private void openDashboard() {
        login("anna");
        UI.getCurrent().navigate(DashboardView.ROUTE);
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(DashboardView.class);
    }

    private static String text(String id) {
        return ((HasText) find(id).orElseThrow()).getText();
    }
}
