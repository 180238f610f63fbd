package dev.mcpgateway.support;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.i18n.MessageSource;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The editor contract of {@code routes.yaml}, {@code schema/routes.schema.json} (JSON Schema draft-07, the newest
 * draft the VS Code YAML extension supports), for tests. Every routes file a test writes or parses as valid goes
 * through {@link #valid(String)}, so the schema can never reject a file the gateway accepts without a test failing.
 * The YAML is read exactly as the gateway reads it (SnakeYAML, YAML 1.1, safe constructor); map keys become text, as
 * the loader takes them.
 */
public final class RoutesSchema {

    /** The schema file, relative to the gateway module (the tests' working directory). */
    public static final Path FILE = Path.of("..", "schema", "routes.schema.json");

    /** Keywords whose errors are about one key of a mapping, named by the error's property. */
    private static final Set<String> KEY_ERRORS = Set.of("additionalProperties", "propertyNames");

    private static final Schema SCHEMA = load();

    private RoutesSchema() {}

    /** Returns {@code yaml} unchanged after asserting that the schema accepts it; for routes files meant to be valid. */
    public static String valid(String yaml) {
        List<String> problems = problems(yaml);
        if (!problems.isEmpty()) {
            throw new AssertionError("schema/routes.schema.json rejects a routes file the test uses as valid:\n  "
                    + String.join("\n  ", problems) + "\n--- file ---\n" + yaml);
        }
        return yaml;
    }

    /** What the schema finds wrong with {@code yaml}, each as {@code key.path: message}; empty when it is valid. */
    public static List<String> problems(String yaml) {
        return problems(toJson(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml)));
    }

    /** What the schema finds wrong with a document already in tree form. */
    public static List<String> problems(JsonNode document) {
        return SCHEMA.validate(document).stream().map(RoutesSchema::describe).toList();
    }

    /** The parsed schema document itself, for tests that compare it with the configuration code. */
    public static JsonNode document() {
        return tree(read());
    }

    /** A YAML value as SnakeYAML constructs it, as a JSON tree; scalars other than numbers and booleans become text. */
    public static JsonNode toJson(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((key, child) -> object.set(String.valueOf(key), toJson(child)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            list.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Boolean bool) {
            return nodes.booleanNode(bool);
        }
        if (value instanceof Integer number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Long number) {
            return nodes.numberNode(number);
        }
        if (value instanceof BigInteger number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Double number) {
            return nodes.numberNode(number);
        }
        return nodes.stringNode(String.valueOf(value));
    }

    /** {@code routes[0].timeouts.connect: …}: the key path as the gateway's own errors name it. */
    private static String describe(Error error) {
        StringBuilder path = new StringBuilder();
        NodePath location = error.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(element);
            }
        }
        String message = error.getMessage();
        if (KEY_ERRORS.contains(error.getKeyword()) && error.getProperty() != null) {
            path.append(path.isEmpty() ? "" : ".").append(error.getProperty());
            message = error.getKeyword().equals("additionalProperties")
                    ? "unknown key"
                    : "'" + error.getProperty() + "' is not allowed as a key here";
        }
        return (path.isEmpty() ? "(root)" : path) + ": " + message + " [" + error.getKeyword() + "]";
    }

    private static Schema load() {
        SchemaRegistryConfig config =
                SchemaRegistryConfig.builder().messageSource(ownMessages()).build();
        // The messages VS Code shows (vscode-json-languageservice keywords); they validate nothing.
        Dialect draft7 = Dialect.builder(Dialects.getDraft7())
                .keyword(new NonValidationKeyword("patternErrorMessage"))
                .keyword(new NonValidationKeyword("errorMessage"))
                .build();
        SchemaRegistry registry =
                SchemaRegistry.withDefaultDialect(draft7, builder -> builder.schemaRegistryConfig(config));
        return registry.getSchema(document());
    }

    /**
     * The validator's messages from its own jar: WireMock's standalone jar carries an older validator's
     * {@code jsv-messages.properties}, whose formats take other arguments, and may come first on the class path.
     */
    private static MessageSource ownMessages() {
        Properties messages = new Properties();
        try {
            URL jar = Schema.class.getProtectionDomain().getCodeSource().getLocation();
            URL file = URI.create("jar:" + jar.toURI() + "!/jsv-messages.properties")
                    .toURL();
            try (InputStream in = file.openStream()) {
                messages.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return (key, fallback, locale, arguments) -> new MessageFormat(
                        messages.getProperty(key, fallback == null ? key : fallback.get()), Locale.ROOT)
                .format(arguments);
    }

    private static String read() {
        try {
            return Files.readString(FILE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String json) {
        return JsonMapper.shared().readTree(json);
    }
}
