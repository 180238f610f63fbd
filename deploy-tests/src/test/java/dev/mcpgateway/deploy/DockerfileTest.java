package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.deploy.Dockerfile.Instruction;
import dev.mcpgateway.deploy.Dockerfile.Stage;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Dockerfile's structure, without a Docker engine: pinned Java 25 JRE base images, the jar the build produces,
 * a non-root numeric user that is the chart's, an exec-form entrypoint, and the same JVM flags, ports and routes path
 * as the chart gives the pod.
 */
class DockerfileTest {

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|(\\S+))");

    private static Dockerfile dockerfile;
    private static GatewayPod pod;
    private static Map<String, Object> chartValues;

    @BeforeAll
    static void read() throws Exception {
        dockerfile = Dockerfile.read(Repository.path("Dockerfile"));
        pod = new GatewayPod(HelmChart.withDefaults().render().one(Deployment.class));
        chartValues = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(Repository.CHART.resolve("values.yaml")));
    }

    @Test
    void everyBaseImageIsPinnedToATagOrDigestNeverLatest() {
        assertThat(dockerfile.stages()).isNotEmpty().allSatisfy(stage -> {
            String image = stage.image();
            String reference = image.substring(image.lastIndexOf('/') + 1);
            assertThat(reference)
                    .as(image)
                    .satisfiesAnyOf(
                            r -> assertThat(r).contains("@sha256:"),
                            r -> assertThat(r).matches("[^:]+:[^:]+"));
            assertThat(reference).as(image).doesNotEndWith(":latest").doesNotContain(":latest@");
        });
    }

    @Test
    void runtimeImageIsAJava25Jre() {
        String image = dockerfile.finalStage().image();

        assertThat(image).startsWith("eclipse-temurin:25.");
        assertThat(image.substring(image.indexOf(':') + 1)).contains("-jre");
    }

    @Test
    void finalStageRunsAsTheChartsNonRootNumericUser() {
        List<Instruction> users = dockerfile.finalStage().all("USER");
        assertThat(users).as("a USER in the final stage").isNotEmpty();
        String user = users.get(users.size() - 1).arguments();

        assertThat(user)
                .as("numeric, so that Kubernetes can verify runAsNonRoot")
                .matches("[0-9]+(:[0-9]+)?");
        String[] ids = user.split(":");
        assertThat(Integer.parseInt(ids[0])).isNotZero();
        assertThat(Integer.parseInt(ids[0]))
                .isEqualTo(chartDefault("podSecurityContext", "runAsUser"))
                .isEqualTo(chartDefault("securityContext", "runAsUser"))
                .isEqualTo(pod.spec().getSecurityContext().getRunAsUser().intValue());
        assertThat(ids).hasSize(2);
        assertThat(Integer.parseInt(ids[1]))
                .isEqualTo(chartDefault("podSecurityContext", "runAsGroup"))
                .isEqualTo(chartDefault("securityContext", "runAsGroup"));
    }

    @Test
    void entrypointIsExecFormSoThatJavaGetsSigterm() throws Exception {
        List<Instruction> entrypoints = dockerfile.finalStage().all("ENTRYPOINT");
        assertThat(entrypoints).hasSize(1);

        List<String> command =
                new ObjectMapper().readValue(entrypoints.get(0).arguments(), new TypeReference<List<String>>() {});

        assertThat(command).first().isEqualTo("java");
        assertThat(command).containsSubsequence("-jar", "application.jar");
        assertThat(dockerfile.finalStage().all("CMD")).isEmpty();
    }

    @Test
    void copiedJarIsTheOneTheMavenBuildProduces() throws Exception {
        String jar = "gateway/target/" + gatewayFinalName() + ".jar";
        Stage extract = dockerfile.stages().get(0);

        assertThat(extract.argDefault("JAR_FILE")).isEqualTo(jar);
        assertThat(extract.all("COPY")).extracting(Instruction::arguments).contains("${JAR_FILE} gateway.jar");
        assertThat(extract.all("RUN"))
                .extracting(Instruction::arguments)
                .anySatisfy(run -> assertThat(run).contains("-Djarmode=tools").contains("extract --layers"));
    }

    @Test
    void dockerignoreSendsOnlyWhatTheBuildCopies() throws Exception {
        List<String> ignore = Files.readAllLines(Repository.path(".dockerignore")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();

        assertThat(ignore).first().isEqualTo("*");
        assertThat(ignore).contains("!gateway/target/" + gatewayFinalName() + ".jar");
        for (Stage stage : dockerfile.stages()) {
            for (Instruction copy : stage.all("COPY")) {
                if (copy.arguments().startsWith("--from=")) {
                    continue;
                }
                String source = copy.arguments().split("\\s+")[0];
                if (source.equals("${JAR_FILE}")) {
                    continue;
                }
                assertThat(ignore).as("the context sends " + source).contains("!" + source);
                assertThat(Repository.path(source)).exists();
            }
        }
    }

    @Test
    void imageHasTheChartsJvmFlagsPortsAndRoutesPath() {
        Map<String, String> env = environment(dockerfile.finalStage());
        List<String> exposed = dockerfile.finalStage().all("EXPOSE").stream()
                .flatMap(expose -> Arrays.stream(expose.arguments().split("\\s+")))
                .toList();

        assertThat(env.get("JAVA_TOOL_OPTIONS"))
                .as("the AOT cache is trained with the flags the pod runs with")
                .isEqualTo(pod.envValue("JAVA_TOOL_OPTIONS"));
        assertThat(env.get("GATEWAY_ROUTES_FILE")).isEqualTo(pod.envValue("GATEWAY_ROUTES_FILE"));
        assertThat(env.get("MANAGEMENT_SERVER_PORT")).isEqualTo(pod.envValue("MANAGEMENT_SERVER_PORT"));
        assertThat(env.get("SERVER_PORT")).isEqualTo(pod.envValue("SERVER_PORT"));
        assertThat(exposed)
                .containsExactlyInAnyOrder(
                        String.valueOf(pod.containerPort("http")), String.valueOf(pod.containerPort("management")));
    }

    @Test
    void aotCacheIsTrainedInTheRuntimeStageWithSpringsTrainingMode() {
        assertThat(dockerfile.finalStage().all("RUN"))
                .extracting(Instruction::arguments)
                .anySatisfy(run -> assertThat(run)
                        .contains("-XX:AOTCacheOutput=app.aot")
                        .contains("-Dspring.context.exit=onRefresh")
                        .contains("-jar application.jar"));
    }

    private static Map<String, String> environment(Stage stage) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction instruction : stage.all("ENV")) {
            Matcher pair = ENV_PAIR.matcher(instruction.arguments());
            while (pair.find()) {
                env.put(pair.group(1), pair.group(3) != null ? pair.group(3) : pair.group(4));
            }
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static int chartDefault(String context, String key) {
        return (Integer) ((Map<String, Object>) chartValues.get(context)).get(key);
    }

    private static String gatewayFinalName() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Repository.path("gateway/pom.xml").toFile());
        String finalName =
                pom.getElementsByTagName("finalName").item(0).getTextContent().strip();
        assertThat(finalName).isNotBlank();
        return finalName;
    }
}
