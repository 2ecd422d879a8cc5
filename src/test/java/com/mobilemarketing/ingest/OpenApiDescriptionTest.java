package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/openapi.yaml is written by hand: its paths and methods must be exactly the machine
 * endpoints the app serves under /callbacks/** and /r/**, with every path variable described.
 */
class OpenApiDescriptionTest extends AbstractDatabaseTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> description() throws IOException {
        try (var in = Files.newInputStream(Path.of("docs", "openapi.yaml"))) {
            return new Yaml().load(in);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void describesExactlyTheServedMachineEndpoints() throws IOException {
        var doc = description();
        assertThat(doc.get("openapi")).isEqualTo("3.1.0");

        var described = new TreeSet<String>();
        var paths = (Map<String, Map<String, Object>>) doc.get("paths");
        paths.forEach((path, item) -> item.keySet().stream()
                .filter(METHODS::contains)
                .forEach(method -> described.add(method.toUpperCase() + " " + path)));

        // The callback filter's URLs, and the rest from Spring MVC.
        var served = new TreeSet<String>(Callbacks.ROUTES);
        mappings.getHandlerMethods().keySet().forEach(info -> {
            var patterns = info.getPathPatternsCondition() == null
                    ? Set.<String>of()
                    : info.getPathPatternsCondition().getPatternValues();
            for (var path : patterns) {
                if (path.startsWith("/callbacks/") || path.startsWith("/r/")) {
                    info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + path));
                }
            }
        });

        assertThat(served).isNotEmpty();
        assertThat(described).isEqualTo(served);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPathVariableAndAnswerIsDescribed() throws IOException {
        var doc = description();
        var components = (Map<String, Map<String, Map<String, Object>>>) doc.get("components");
        var paths = (Map<String, Map<String, Object>>) doc.get("paths");
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            var operation = (Map<String, Object>) value;
            var declared = new TreeSet<String>();
            for (var parameter : (Iterable<Map<String, Object>>) operation.get("parameters")) {
                var resolved = parameter.containsKey("$ref")
                        ? components
                                .get("parameters")
                                .get(((String) parameter.get("$ref")).substring("#/components/parameters/".length()))
                        : parameter;
                if ("path".equals(resolved.get("in"))) {
                    declared.add((String) resolved.get("name"));
                }
            }
            var variables = new TreeSet<String>();
            PATH_VARIABLE.matcher(path).results().forEach(m -> variables.add(m.group(1)));
            assertThat(declared).as(method + " " + path).isEqualTo(variables);
            assertThat((Map<?, ?>) operation.get("responses"))
                    .as(method + " " + path)
                    .isNotEmpty();
        }));
    }
}
