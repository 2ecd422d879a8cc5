package com.mobilemarketing;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
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
import com.vaadin.flow.dom.Style;
import com.vaadin.flow.router.Route;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Package rules: features don't form cycles, Vaadin stays in the UI, repositories stay in their
 * feature and own the SQL and the transactions, routed pages are views, styling is CSS, icons come
 * from the app's sprite.
 */
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
                    "com.mobilemarketing.cost..",
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

    @ArchTest
    static final ArchRule sqlOnlyInRepositories = noClasses()
            .that()
            .areNotAnnotatedWith(Repository.class)
            .and()
            .resideOutsideOfPackage("com.mobilemarketing.db..")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(DSLContext.class)
            .because("all SQL of a feature lives in its @Repository (style rule 2): controllers, workers and"
                    + " views call a repository method instead of holding a DSLContext");

    @ArchTest
    static final ArchRule repositoriesAreTheTransactionBoundary = noClasses()
            .that()
            .areNotAnnotatedWith(Repository.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.transaction..", "jakarta.transaction..")
            .because("a transaction starts in one repository method (style rule 15): no @Transactional,"
                    + " TransactionTemplate or transaction manager in controllers, workers or views");

    @ArchTest
    static final ArchRule routesAreViewsInUi = classes()
            .that()
            .areAnnotatedWith(Route.class)
            .should()
            .haveSimpleNameEndingWith("View")
            .andShould()
            .resideInAPackage("..ui..")
            .because("a routed page is an XxxView in its feature's ui package (style rules 1 and 5),"
                    + " so \"which page is this?\" has one answer");

    @ArchTest
    static final ArchRule noInlineStyles = noClasses()
            .should()
            .callMethodWhere(target(owner(assignableTo(Style.class))))
            .because("styling is LumoUtility classes and CSS files, not inline getStyle().set(...) (style rule 7)");

    @ArchTest
    static final ArchRule iconsFromTheSprite = noClasses()
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("com.vaadin.flow.component.icon.VaadinIcon")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("com.vaadin.flow.component.icon.Icon")
            .because("icons are AppIcon's, from one small sprite: a Vaadin Icon makes every page load and"
                    + " run the whole icon set before its first response is applied");

    private static String feature(String packageName) {
        var rest = packageName.replaceFirst("^com\\.mobilemarketing\\.?", "");
        var dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
