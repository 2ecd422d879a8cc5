package com.mobilemarketing.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start-up modules are read from the bundle's index page and its entry script. */
class BundleModulesTest {

    @Test
    void theEntryScriptIsTheOneTheIndexPageLoads() {
        var index = """
                <head>
                  <script type="module" crossorigin src="./VAADIN/build/indexhtml-BNp73Egs.js"></script>
                </head>""";
        assertThat(BundleModules.entryScript(index)).isEqualTo("VAADIN/build/indexhtml-BNp73Egs.js");
        assertThat(BundleModules.entryScript("<head></head>")).isNull();
    }

    @Test
    void everyModuleTheEntryScriptNamesIsPreloadedOnceBesideIt() {
        var entry = """
                const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["./generated-flow-imports-t4nGUjc-.js",\
                "./focus-mixin-CO9_HnQL.js"])))=>i.map(i=>d[i]);
                await import(`./FlowBootstrap-C92yDU24.js`); T(()=>import(`./generated-flow-imports-t4nGUjc-.js`),
                __vite__mapDeps([0,1])); let a=await import(`./FlowClient-XDkeHcOw.js`); const x = "./not a module";""";
        assertThat(BundleModules.importedBy("VAADIN/build/indexhtml-BNp73Egs.js", entry))
                .containsExactly(
                        "VAADIN/build/generated-flow-imports-t4nGUjc-.js",
                        "VAADIN/build/focus-mixin-CO9_HnQL.js",
                        "VAADIN/build/FlowBootstrap-C92yDU24.js",
                        "VAADIN/build/FlowClient-XDkeHcOw.js");
    }
}
