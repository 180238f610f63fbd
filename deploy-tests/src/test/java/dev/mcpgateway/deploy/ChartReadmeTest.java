package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The chart README's values table and values.yaml name the same keys, so neither can drift from the other. */
class ChartReadmeTest {

    /** Values that are Kubernetes objects or routes.yaml itself: documented as a whole, not key by key. */
    private static final Set<String> WHOLE = Set.of("routes", "resources", "podSecurityContext", "securityContext");

    private static final Pattern TABLE_KEY = Pattern.compile("(?m)^\\| `([A-Za-z0-9.]+)` \\|");

    @Test
    void valuesTableNamesEveryValueAndNothingElse() throws Exception {
        String readme = Files.readString(Repository.CHART.resolve("README.md"));
        Set<String> documented = new LinkedHashSet<>();
        Matcher row = TABLE_KEY.matcher(readme);
        while (row.find()) {
            documented.add(row.group(1));
        }

        assertThat(documented).containsExactlyInAnyOrderElementsOf(valueKeys());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> valueKeys() throws Exception {
        Map<String, Object> values = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(Repository.CHART.resolve("values.yaml")));
        Set<String> keys = new LinkedHashSet<>();
        values.forEach((key, value) -> {
            if (value instanceof Map<?, ?> children && !children.isEmpty() && !WHOLE.contains(key)) {
                ((Map<String, Object>) children).keySet().forEach(child -> keys.add(key + "." + child));
            } else {
                keys.add(key);
            }
        });
        return keys;
    }
}
