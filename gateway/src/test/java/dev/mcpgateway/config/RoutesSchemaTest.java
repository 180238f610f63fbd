package dev.mcpgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mcpgateway.config.ConfigException.ConfigProblem;
import dev.mcpgateway.support.RoutesSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import tools.jackson.databind.JsonNode;

/**
 * {@code schema/routes.schema.json} against the files it must accept, the mistakes it must catch, and the
 * configuration code it describes. The code side is read through the parser's own behaviour, so the two cannot drift:
 * {@code every-key.yaml} holds every schema key once; at each fixed-key block the parser's "unknown key (allowed
 * here: …)" list must equal the schema's properties, at each map the parser must accept any entry name; every schema
 * key must be read (a wrong value there is reported there); and every schema default must be what the parser does
 * without the key. Every routes file the other tests write or parse as valid also passes {@link RoutesSchema#valid}.
 */
class RoutesSchemaTest {

    private static final String PROBE = "schema-probe";
    private static final Path EVERY_KEY = Path.of("src", "test", "resources", "config", "every-key.yaml");
    private static final Pattern DOCUMENTED_KEY = Pattern.compile("^\\| `([^`]+)` \\|");

    private final RoutesFileParser parser = new RoutesFileParser(name -> null);

    static Stream<Path> checkedInRoutesFiles() throws IOException {
        try (Stream<Path> fixtures = Files.list(Path.of("src", "test", "resources", "config"))) {
            List<Path> files = new ArrayList<>(List.of(Path.of("..", "routes.yaml")));
            fixtures.filter(file -> file.toString().endsWith(".yaml")).sorted().forEach(files::add);
            return files.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("checkedInRoutesFiles")
    void checkedInRoutesFileMatchesTheSchema(Path file) throws IOException {
        assertThat(RoutesSchema.problems(Files.readString(file, StandardCharsets.UTF_8)))
                .as(file.toString())
                .isEmpty();
    }

    @Test
    void theExampleRoutesFileNamesTheSchemaForEditorsAndStillLoads() throws IOException {
        String yaml = Files.readString(Path.of("..", "routes.yaml"), StandardCharsets.UTF_8);
        assertThat(yaml.lines().findFirst()).hasValue("# yaml-language-server: $schema=schema/routes.schema.json");
        assertThatCode(() -> parser.parse("routes.yaml", yaml)).doesNotThrowAnyException();
    }

    @Test
    void theReadmeExampleMatchesTheSchema() {
        String readme = text(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## `routes.yaml`"));
        String example = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n"));

        assertThat(example).contains("routes:");
        assertThat(RoutesSchema.problems(example)).isEmpty();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("an unknown top-level key", "gatway", Map.of()),
                Arguments.of("an unknown key in a route", "routes[0].upstreams", "http://x.internal/mcp"),
                Arguments.of("an unknown key in a nested block", "routes[0].resilience.circuit-breaker.threshold", 50),
                Arguments.of(
                        "an unknown key in an authorization server",
                        "gateway.authorization-servers.corp.introspection.secret",
                        "s3cret"),
                Arguments.of("a scalar where a block belongs", "routes[0].timeouts", "5s"),
                Arguments.of("a scalar where a list belongs", "routes[0].audiences", "api://github-mcp"),
                Arguments.of("a list where a value belongs", "routes[0].upstream", List.of("http://a.internal/mcp")),
                Arguments.of("a bad transport", "routes[0].transport", "grpc"),
                Arguments.of("a bad deny-as", "routes[0].deny-as", "forbid"),
                Arguments.of("a bad token format", "gateway.authorization-servers.corp.token-format", "paseto"),
                Arguments.of("a bad outage policy", "gateway.rate-limit-on-store-failure", "block"),
                Arguments.of("a bad duration", "routes[0].timeouts.connect", "soon"),
                Arguments.of("a zero duration", "gateway.session-ttl", "0s"),
                Arguments.of(
                        "a count out of range", "routes[0].resilience.circuit-breaker.failure-rate-threshold", 101),
                Arguments.of("a bad refill rate", "routes[0].rate-limit.default.refill", "60 per minute"),
                Arguments.of("a reserved upstream header", "routes[0].upstream-headers.X-MCP-Subject", "alice"),
                Arguments.of("a path under /.well-known", "routes[0].path", "/.well-known/mcp"),
                Arguments.of(
                        "a public base URL with a path", "gateway.public-base-url", "https://mcp.example.com/base"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void schemaAndGatewayRejectTheSameMistakeAtTheSameKeyPath(String mistake, String path, Object value) {
        Map<String, Object> tree = everyKey();
        KeyPath.of(path).put(tree, value);
        String yaml = dump(tree);

        assertThat(RoutesSchema.problems(yaml))
                .as(mistake)
                .anySatisfy(problem -> assertThat(problem).startsWith(path + ":"));
        assertThat(gatewayProblems(yaml))
                .as(mistake)
                .extracting(ConfigProblem::path)
                .contains(path);
    }

    static Stream<Arguments> values() {
        String corp = "gateway.authorization-servers.corp.";
        String breaker = "routes[0].resilience.circuit-breaker.";
        return Stream.of(
                Arguments.of("routes[0].timeouts.connect", "500ms", true),
                Arguments.of("routes[0].timeouts.connect", "PT30S", true),
                Arguments.of("routes[0].timeouts.connect", "pt1m30s", true),
                Arguments.of("routes[0].timeouts.connect", "P1D", true),
                Arguments.of("routes[0].timeouts.connect", "0s", false),
                Arguments.of("routes[0].timeouts.connect", "30 s", false),
                Arguments.of("routes[0].timeouts.connect", "1d", false),
                Arguments.of("routes[0].timeouts.connect", "PT", false),
                Arguments.of(corp + "introspection.cache-ttl", "0s", true),
                Arguments.of(corp + "introspection.client-auth", "POST", true),
                Arguments.of(corp + "introspection.client-auth", "digest", false),
                Arguments.of(corp + "token-format", "Opaque", true),
                Arguments.of(corp + "issuer", "https://auth.example.com/realms/corp/", true),
                Arguments.of(corp + "issuer", "https://auth.example.com?tenant=1", false),
                Arguments.of(corp + "jwks-uri", "ftp://auth.example.com/keys", false),
                Arguments.of("gateway.public-base-url", "HTTPS://MCP.Example.com:443/", true),
                Arguments.of("gateway.public-base-url", "mcp.example.com", false),
                Arguments.of("gateway.allowed-origins[0]", "http://localhost:6274", true),
                Arguments.of("gateway.allowed-origins[0]", "https://app.example.com/path", false),
                Arguments.of("gateway.trusted-proxies[0]", "fd00::/8", true),
                Arguments.of("gateway.trusted-proxies[0]", "192.168.1.7", true),
                Arguments.of("gateway.trusted-proxies[0]", "proxy.internal", false),
                Arguments.of("gateway.rate-limit-store", "memory", true),
                Arguments.of("gateway.rate-limit-store", "rediss://user:pw@redis.internal:6380/2", true),
                Arguments.of("gateway.rate-limit-store", "http://redis.internal:6379", false),
                Arguments.of("gateway.session-store", "redis://:hunter2@10.0.0.5", true),
                Arguments.of(
                        "gateway.rate-limit-store",
                        "redis-sentinel://:pw@sentinel-1:26379,sentinel-2,10.0.0.3/0#main",
                        true),
                Arguments.of("gateway.session-store", "rediss-sentinel://app:pw@s1,s2?sentinelMasterId=main", true),
                Arguments.of("gateway.rate-limit-store", "redis-cluster://node-1:7000,node-2:7001", true),
                Arguments.of("gateway.session-store", "rediss-cluster://:pw@[fd00::1]:7000", true),
                Arguments.of("gateway.rate-limit-store", "redis-cluster://n1:7000,,n3:7002", false),
                Arguments.of("gateway.session-store", "redis-sentinel://[fd00::1]:26379,[fd00::2]:26379#main", false),
                Arguments.of("gateway.max-request-bytes", 4096, true),
                Arguments.of("gateway.max-request-bytes", "4MiB", true),
                Arguments.of("gateway.max-request-bytes", 512, false),
                Arguments.of("gateway.max-request-bytes", "4 megabytes", false),
                Arguments.of("gateway.unauthenticated-rate-limit", "off", true),
                Arguments.of("gateway.unauthenticated-rate-limit", false, true),
                Arguments.of("gateway.unauthenticated-rate-limit", "none", false),
                Arguments.of("gateway.unauthenticated-rate-limit", Map.of("capacity", 5), false),
                Arguments.of("routes[0].rate-limit.default.refill", "5/30s", true),
                Arguments.of("routes[0].rate-limit.default.refill", "1000/PT1H", true),
                Arguments.of("routes[0].rate-limit.default.refill", "0/1m", false),
                Arguments.of("routes[0].rate-limit.default.capacity", "120", true),
                Arguments.of("routes[0].rate-limit.default.capacity", 0, false),
                Arguments.of(breaker + "failure-rate-threshold", 100, true),
                Arguments.of(breaker + "half-open-calls", 0, false),
                Arguments.of("routes[0].resilience.retry-connect", "TRUE", true),
                Arguments.of("routes[0].resilience.retry-connect", "maybe", false),
                Arguments.of("routes[0].streams.keep-alive", "off", true),
                Arguments.of("routes[0].streams.keep-alive", false, true),
                Arguments.of("routes[0].streams.keep-alive", "never", false),
                Arguments.of("routes[0].id", "github.v2_beta-1", true),
                Arguments.of("routes[0].id", 7, true),
                Arguments.of("routes[0].id", "-github", false),
                Arguments.of("routes[0].name", 2026, true),
                Arguments.of("routes[0].path", "/a/b/mcp", true),
                Arguments.of("routes[0].path", "/a/mcp/", false),
                Arguments.of("routes[0].path", "/a//mcp", false),
                Arguments.of("routes[0].path", "/actuator", false),
                Arguments.of("routes[0].path", "/actuators/mcp", true),
                Arguments.of("routes[0].path", "/a/*", false),
                Arguments.of("routes[0].scopes.required[0]", "api://github/read", true),
                Arguments.of("routes[0].scopes.required[0]", "two words", false),
                Arguments.of("routes[0].scopes.tools", Map.of(), false),
                Arguments.of("routes[0].scopes.tools", Map.of("*", List.of()), true),
                Arguments.of("routes[0].scopes.methods", Map.of("resources/*", List.of()), false),
                Arguments.of("routes[0].upstream-headers", Map.of("X-Debug", true), true),
                Arguments.of("routes[0].upstream-headers", Map.of("Bad Header", "x"), false),
                Arguments.of("routes[0].upstream-headers", Map.of("host", "x"), false),
                Arguments.of("routes[0].upstream-headers", Map.of("Content-Encoding", "br"), false),
                Arguments.of("routes[0].upstream-headers", Map.of("content-type", "text/plain"), false),
                Arguments.of("routes[0].upstream-headers", Map.of("Upgrade", "websocket"), false),
                Arguments.of("routes[0].upstream-headers", Map.of("TE", "trailers"), false),
                Arguments.of("routes[0].upstream-headers", Map.of("Expect", "100-continue"), false),
                Arguments.of("routes[0].upstream-headers", Map.of("Authorization", "Bearer upstream-key"), true),
                Arguments.of("routes[0].upstream-headers", Map.of(IdentityHeaders.SUBJECT, "alice"), false),
                Arguments.of("routes[0].upstream-headers", Map.of(IdentityHeaders.CLIENT_ID, "app"), false),
                Arguments.of("routes[0].upstream-headers", Map.of(IdentityHeaders.SCOPES, "admin"), false),
                Arguments.of(
                        "routes[0].upstream-headers",
                        Map.of(IdentityHeaders.TENANT.toLowerCase(Locale.ROOT), "acme"),
                        false),
                Arguments.of("routes[0].upstream-headers", Map.of("MCP-Protocol-Version", "2025-06-18"), false),
                Arguments.of("routes[0].upstream-headers", Map.of("Mcp-Param-Region", "eu"), false),
                Arguments.of("routes[0].upstream-headers", Map.of("Mcpx-Region", "eu"), true),
                Arguments.of("routes[0].tenant-claim", "org id", false),
                Arguments.of("routes[0].authorization-servers", List.of(), false),
                Arguments.of("gateway.authorization-servers", Map.of(), false),
                Arguments.of("routes", List.of(), false));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("values")
    void schemaAndGatewayAgreeOnWhetherAValueIsValid(String path, Object value, boolean valid) {
        Map<String, Object> tree = everyKey();
        KeyPath.of(path).put(tree, value);
        String yaml = dump(tree);

        if (valid) {
            assertThat(RoutesSchema.problems(yaml)).isEmpty();
            assertThatCode(() -> parser.parse("routes.yaml", yaml)).doesNotThrowAnyException();
        } else {
            assertThat(RoutesSchema.problems(yaml))
                    .anySatisfy(problem -> assertThat(problem).startsWith(path));
            assertThat(gatewayProblems(yaml)).isNotEmpty();
        }
    }

    @Test
    void theSchemaRejectsIntrospectionThatTheTokenFormatNeverUsesOrLacks() {
        Map<String, Object> jwtWithIntrospection = everyKey();
        KeyPath.of("gateway.authorization-servers.corp.token-format").put(jwtWithIntrospection, "jwt");
        Map<String, Object> opaqueWithout = everyKey();
        KeyPath.of("gateway.authorization-servers.corp.token-format").put(opaqueWithout, "opaque");
        KeyPath.of("gateway.authorization-servers.corp.introspection").remove(opaqueWithout);

        for (Map<String, Object> tree : List.of(jwtWithIntrospection, opaqueWithout)) {
            assertThat(RoutesSchema.problems(dump(tree))).isNotEmpty();
            assertThat(gatewayProblems(dump(tree)))
                    .extracting(ConfigProblem::path)
                    .contains("gateway.authorization-servers.corp.token-format");
        }
    }

    @Test
    void theSchemaRejectsJsonRpcDenialsOnLegacySseRoutes() {
        Map<String, Object> tree = everyKey();
        KeyPath.of("routes[0].transport").put(tree, "sse");

        assertThat(RoutesSchema.problems(dump(tree))).isNotEmpty();
        assertThat(gatewayProblems(dump(tree))).extracting(ConfigProblem::path).contains("routes[0].deny-as");
    }

    @Test
    void placeholdersAreAcceptedInValuesWhereTheGatewayResolvesThem() {
        Map<String, Object> tree = everyKey();
        for (String path : List.of(
                "gateway.public-base-url",
                "gateway.session-ttl",
                "routes[0].upstream",
                "routes[0].transport",
                "routes[0].timeouts.connect",
                "routes[0].resilience.bulkhead.max-streams",
                "routes[0].streams.close-on-token-expiry")) {
            KeyPath.of(path).put(tree, "${SCHEMA_TEST_" + path.length() + "}");
        }
        assertThat(RoutesSchema.problems(dump(tree))).isEmpty();
    }

    @Test
    void everyKeyFileUsesEverySchemaKeyOnceAndTheGatewayAcceptsIt() {
        Set<String> used = new TreeSet<>();
        collectPaths(everyKey(), schema(), "", used);

        assertThat(used).isEqualTo(schemaPaths().keySet());
        assertThat(RoutesSchema.problems(text(EVERY_KEY))).isEmpty();
        assertThatCode(() -> parser.parse("every-key.yaml", text(EVERY_KEY))).doesNotThrowAnyException();
    }

    @Test
    void gatewayRejectsUnknownKeysExactlyWhereTheSchemaDoes() {
        Map<String, JsonNode> blocks = new TreeMap<>(schemaPaths());
        blocks.put("", schema());
        blocks.forEach((schemaPath, node) -> {
            Set<String> keys = properties(node).keySet();
            JsonNode entries = mapEntries(node);
            if (!keys.isEmpty()) {
                KeyPath block = KeyPath.of(schemaPath).in(everyKey());
                Map<String, Object> tree = everyKey();
                block.child(PROBE).put(tree, 1);
                String probePath = block.child(PROBE).toString();

                assertThat(gatewayProblems(dump(tree)))
                        .as("the parser's keys at " + block)
                        .contains(new ConfigProblem(
                                probePath,
                                "unknown key (allowed here: " + String.join(", ", new TreeSet<>(keys)) + ")"));
                assertThat(RoutesSchema.problems(dump(tree)))
                        .as("the schema at " + block)
                        .anySatisfy(problem -> assertThat(problem).startsWith(probePath + ":"));
            } else if (entries != null) {
                KeyPath map = KeyPath.of(schemaPath).in(everyKey());
                Map<String, Object> tree = everyKey();
                Map<?, ?> existing = (Map<?, ?>) map.get(tree);
                map.child(PROBE).put(tree, existing.values().iterator().next());

                assertThat(RoutesSchema.problems(dump(tree)))
                        .as("a new entry in " + map)
                        .isEmpty();
                assertThatCode(() -> parser.parse("routes.yaml", dump(tree)))
                        .as("a new entry in " + map)
                        .doesNotThrowAnyException();
            }
        });
    }

    @Test
    void gatewayReadsEveryKeyTheSchemaDescribes() {
        schemaPaths().keySet().forEach(schemaPath -> {
            KeyPath key = KeyPath.of(schemaPath).in(everyKey());
            Map<String, Object> tree = everyKey();
            key.put(tree, List.of(Map.of(PROBE, 1)));

            assertThat(gatewayProblems(dump(tree)))
                    .as("a wrong value at " + key + " is reported there")
                    .extracting(ConfigProblem::path)
                    .anySatisfy(path -> assertThat(nested(key.toString(), path)).isTrue());
        });
    }

    @Test
    void everySchemaDefaultIsWhatTheGatewayDoesWithoutTheKey() {
        schemaPaths().forEach((schemaPath, node) -> {
            if (!node.has("default")) {
                return;
            }
            KeyPath key = KeyPath.of(schemaPath).in(everyKey());
            Map<String, Object> without = everyKey();
            key.remove(without);
            Map<String, Object> withDefault = everyKey();
            key.put(withDefault, load(node.get("default").toString()));

            assertThat(RoutesSchema.problems(dump(withDefault)))
                    .as("the default of " + key)
                    .isEmpty();
            assertThat(parser.parse("routes.yaml", dump(withDefault)))
                    .as("the default of " + key)
                    .isEqualTo(parser.parse("routes.yaml", dump(without)));
        });
    }

    @Test
    void everySchemaKeyHasADescription() {
        schemaPaths()
                .forEach((path, node) -> assertThat(description(node)).as(path).isNotBlank());
    }

    @Test
    void everyKeyInTheConfigurationReferenceIsInTheSchemaAndEverySchemaKeyIsDocumented() {
        Set<String> documented = documentedKeys();
        Set<String> schemaKeys = schemaPaths().keySet();

        assertThat(schemaKeys).containsAll(documented);
        assertThat(schemaKeys)
                .allSatisfy(key -> assertThat(documented)
                        .as("docs/configuration.md documents " + key + ", a key around it or a key under it")
                        .anySatisfy(doc ->
                                assertThat(nested(doc, key) || nested(key, doc)).isTrue()));
    }

    /** Whether {@code inner} is {@code outer} or a key path under it. */
    private static boolean nested(String outer, String inner) {
        return inner.equals(outer) || inner.startsWith(outer + ".") || inner.startsWith(outer + "[");
    }

    /** The documented keys of the {@code gateway} and {@code routes[]} tables, as schema paths. */
    private static Set<String> documentedKeys() {
        Set<String> keys = new TreeSet<>();
        String section = null;
        for (String line : text(Path.of("..", "docs", "configuration.md")).split("\n")) {
            if (line.startsWith("#")) {
                section =
                        line.equals("### `gateway`") ? "gateway." : line.equals("### `routes[]`") ? "routes[]." : null;
                continue;
            }
            Matcher row = DOCUMENTED_KEY.matcher(line);
            if (section != null && row.find()) {
                keys.add(section + row.group(1).replaceAll("<[^>]+>", "*"));
            }
        }
        return keys;
    }

    /** Every key path the schema describes ({@code routes[].timeouts.connect}, {@code …authorization-servers.*}). */
    private static Map<String, JsonNode> schemaPaths() {
        Map<String, JsonNode> paths = new TreeMap<>();
        schemaPaths(schema(), "", paths);
        return paths;
    }

    private static void schemaPaths(JsonNode node, String path, Map<String, JsonNode> paths) {
        properties(node).forEach((key, child) -> {
            String childPath = path.isEmpty() ? key : path + "." + key;
            paths.put(childPath, child);
            schemaPaths(child, childPath, paths);
        });
        JsonNode entries = mapEntries(node);
        if (entries != null) {
            paths.put(path + ".*", entries);
            schemaPaths(entries, path + ".*", paths);
        }
        JsonNode items = items(node);
        if (items != null) {
            paths.put(path + "[]", items);
            schemaPaths(items, path + "[]", paths);
        }
    }

    /** The key paths a YAML tree uses, named like {@link #schemaPaths()}: map entries as {@code *}. */
    private static void collectPaths(Object value, JsonNode node, String path, Set<String> paths) {
        if (value instanceof Map<?, ?> map) {
            Map<String, JsonNode> properties = node == null ? Map.of() : properties(node);
            JsonNode entries = node == null ? null : mapEntries(node);
            map.forEach((key, child) -> {
                String name = String.valueOf(key);
                boolean fixed = properties.containsKey(name) || entries == null;
                String childPath = (path.isEmpty() ? "" : path + ".") + (fixed ? name : "*");
                paths.add(childPath);
                collectPaths(child, fixed ? properties.get(name) : entries, childPath, paths);
            });
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            paths.add(path + "[]");
            list.forEach(item -> collectPaths(item, node == null ? null : items(node), path + "[]", paths));
        }
    }

    /** The properties of a schema node, through {@code $ref}, {@code allOf} and {@code anyOf}. */
    private static Map<String, JsonNode> properties(JsonNode node) {
        Map<String, JsonNode> properties = new TreeMap<>();
        for (JsonNode part : parts(node)) {
            if (part.has("properties")) {
                part.get("properties").properties().forEach(entry -> properties.put(entry.getKey(), entry.getValue()));
            }
        }
        return properties;
    }

    /** The schema of a map's entries, when the node is a map (any key, values of one schema). */
    private static JsonNode mapEntries(JsonNode node) {
        return parts(node).stream()
                .filter(part -> part.has("additionalProperties")
                        && part.get("additionalProperties").isObject())
                .map(part -> part.get("additionalProperties"))
                .findFirst()
                .orElse(null);
    }

    private static JsonNode items(JsonNode node) {
        return parts(node).stream()
                .filter(part -> part.has("items"))
                .map(part -> part.get("items"))
                .findFirst()
                .orElse(null);
    }

    private static String description(JsonNode node) {
        return parts(node).stream()
                .filter(part -> part.has("description"))
                .map(part -> part.get("description").asString())
                .findFirst()
                .orElse("");
    }

    /** A node and every subschema that shapes the same value: its {@code $ref} target, allOf and anyOf branches. */
    private static List<JsonNode> parts(JsonNode node) {
        List<JsonNode> parts = new ArrayList<>();
        parts.add(node);
        if (node.has("$ref")) {
            parts.addAll(parts(schema().at(node.get("$ref").asString().substring(1))));
        }
        for (String combinator : List.of("allOf", "anyOf")) {
            if (node.has(combinator)) {
                node.get(combinator).forEach(branch -> parts.addAll(parts(branch)));
            }
        }
        return parts;
    }

    private List<ConfigProblem> gatewayProblems(String yaml) {
        ConfigException failure = catchThrowableOfType(ConfigException.class, () -> parser.parse("routes.yaml", yaml));
        assertThat(failure).as("the parser rejects:\n" + yaml).isNotNull();
        return failure.problems();
    }

    private static JsonNode schema() {
        return SchemaHolder.SCHEMA;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> everyKey() {
        return (Map<String, Object>) load(text(EVERY_KEY));
    }

    private static Object load(String yaml) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }

    private static String dump(Object tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(new Representer(options), options).dump(tree);
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loaded once for the class. */
    private static final class SchemaHolder {
        static final JsonNode SCHEMA = RoutesSchema.document();
    }

    /**
     * A key path into a YAML tree, {@code routes[0].timeouts.connect}, written as the parser writes it. A schema path
     * ({@code routes[].…}, {@code authorization-servers.*.…}) is made concrete with {@link #in}: the first item, the
     * first entry.
     */
    private record KeyPath(List<Object> segments) {

        static KeyPath of(String path) {
            List<Object> segments = new ArrayList<>();
            if (path.isEmpty()) {
                return new KeyPath(List.of());
            }
            for (String part : path.split("\\.")) {
                Matcher indexed = Pattern.compile("([^\\[]+)((\\[\\d*])*)").matcher(part);
                if (!indexed.matches()) {
                    throw new IllegalArgumentException(path);
                }
                segments.add(indexed.group(1));
                Matcher index = Pattern.compile("\\[(\\d*)]").matcher(indexed.group(2));
                while (index.find()) {
                    segments.add(index.group(1).isEmpty() ? -1 : Integer.parseInt(index.group(1)));
                }
            }
            return new KeyPath(List.copyOf(segments));
        }

        KeyPath in(Map<String, Object> tree) {
            List<Object> concrete = new ArrayList<>();
            Object at = tree;
            for (Object segment : segments) {
                Object step = segment;
                if ("*".equals(segment)) {
                    step = ((Map<?, ?>) at).keySet().iterator().next();
                } else if (Integer.valueOf(-1).equals(segment)) {
                    step = 0;
                }
                concrete.add(step);
                at = step instanceof Integer index ? ((List<?>) at).get(index) : ((Map<?, ?>) at).get(step);
            }
            return new KeyPath(concrete);
        }

        KeyPath child(String key) {
            List<Object> longer = new ArrayList<>(segments);
            longer.add(key);
            return new KeyPath(List.copyOf(longer));
        }

        Object get(Object tree) {
            Object at = tree;
            for (Object segment : segments) {
                at = segment instanceof Integer index ? ((List<?>) at).get(index) : ((Map<?, ?>) at).get(segment);
            }
            return at;
        }

        @SuppressWarnings("unchecked")
        void put(Object tree, Object value) {
            Object parent = new KeyPath(segments.subList(0, segments.size() - 1)).get(tree);
            Object last = segments.get(segments.size() - 1);
            if (last instanceof Integer index) {
                ((List<Object>) parent).set(index, value);
            } else {
                ((Map<String, Object>) parent).put((String) last, value);
            }
        }

        void remove(Object tree) {
            Object parent = new KeyPath(segments.subList(0, segments.size() - 1)).get(tree);
            ((Map<?, ?>) parent).remove(segments.get(segments.size() - 1));
        }

        @Override
        public String toString() {
            StringBuilder path = new StringBuilder();
            for (Object segment : segments) {
                if (segment instanceof Integer index) {
                    path.append('[').append(index).append(']');
                } else {
                    path.append(path.isEmpty() ? "" : ".").append(segment);
                }
            }
            return path.toString();
        }
    }
}
