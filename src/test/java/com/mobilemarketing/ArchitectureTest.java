package com.mobilemarketing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** Package rules: features don't form cycles, Vaadin stays in the UI, repositories stay in their feature. */
@AnalyzeClasses(packages = "com.mobilemarketing", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures =
            slices().matching("com.mobilemarketing.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule vaadinOnlyInUi = noClasses()
            .that()
            .resideOutsideOfPackages("..ui..", "com.mobilemarketing.core.security..", "com.mobilemarketing.core.i18n..")
            .and()
            .doNotHaveFullyQualifiedName("com.mobilemarketing.Application")
            .and()
            .resideOutsideOfPackage("com.mobilemarketing.db..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.vaadin..");

    @ArchTest
    static final ArchRule coreDependsOnNoFeature = noClasses()
            .that()
            .resideInAPackage("com.mobilemarketing.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "com.mobilemarketing.stats..",
                    "com.mobilemarketing.messages..",
                    "com.mobilemarketing.contacts..",
                    "com.mobilemarketing.analytics..",
                    "com.mobilemarketing.export..",
                    "com.mobilemarketing.ingest..",
                    "com.mobilemarketing.demo..",
                    "com.mobilemarketing.dashboard..");

    @ArchTest
    static final ArchRule uisUseOnlyTheirOwnFeaturesRepositories = classes()
            .that()
            .resideInAPackage("com.mobilemarketing.*.ui..")
            .should(new ArchCondition<JavaClass>("use repositories of their own feature or core only") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    var feature = feature(item.getPackageName());
                    for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                        var target = dependency.getTargetClass();
                        var targetFeature = feature(target.getPackageName());
                        if (target.getSimpleName().endsWith("Repository")
                                && !targetFeature.equals(feature)
                                && !targetFeature.equals("core")) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            });

    private static String feature(String packageName) {
        var rest = packageName.replaceFirst("^com\\.mobilemarketing\\.?", "");
        var dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
