package com.mobilemarketing;

import com.mobilemarketing.core.ops.BundleModules;
import com.mobilemarketing.core.ui.StoredTheme;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Inline;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Mobile Marketing Dashboard: a Vaadin Flow app on Spring Boot, jOOQ and PostgreSQL. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("app/styles.css")
public class Application implements AppShellConfigurator {

    private static final Map<String, String> MODULE_PRELOAD = Map.of("rel", "modulepreload");

    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }

    /**
     * Every page, the sign-in page too, opens in the theme this browser keeps, without a flash, and
     * fetches the bundle's start-up modules at once instead of one after another ({@link BundleModules}).
     */
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addInlineWithContents(Inline.Position.PREPEND, StoredTheme.HEAD_SCRIPT, Inline.Wrapping.JAVASCRIPT);
        if (settings.getRequest().getService().getDeploymentConfiguration().isProductionMode()) {
            BundleModules.preloads().forEach(module -> settings.addLink(module, MODULE_PRELOAD));
        }
    }
}
