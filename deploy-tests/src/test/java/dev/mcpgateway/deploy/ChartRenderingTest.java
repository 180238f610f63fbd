package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.RoutesFileParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * helm/mcp-auth-gateway as Helm renders it: with the defaults and with a production-like values file, every object
 * parses strictly as its Kubernetes kind, and the pod gets what the gateway needs (issue 14's acceptance points about
 * the chart). That these settings really work in the running gateway is {@link ChartPodSettingsIT}'s part.
 */
class ChartRenderingTest {

    static final Path PRODUCTION_VALUES = Path.of("src/test/resources/production-values.yaml");
    private static final Map<String, String> PRODUCTION_ENVIRONMENT = Map.of(
            "REDIS_URL", "redis://:secret@redis-master.redis.svc.cluster.local:6379",
            "INTROSPECTION_SECRET", "introspection-secret",
            "GITHUB_MCP_KEY", "github-key");

    private static RenderedManifests defaults;
    private static RenderedManifests production;

    @BeforeAll
    static void render() {
        defaults = HelmChart.withDefaults().render();
        production = HelmChart.withValuesFile(PRODUCTION_VALUES).render();
    }

    @Test
    void chartLintsWithoutWarningsInStrictMode() {
        LintResult lint = HelmChart.lintStrict();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages())
                .noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }

    @Test
    void defaultValuesRenderStrictlyValidObjects() {
        assertThat(defaults.kinds())
                .containsExactly(
                        "ConfigMap", "Deployment", "Ingress", "PodDisruptionBudget", "Service", "ServiceAccount");
    }

    @Test
    void productionValuesRenderStrictlyValidObjectsWithTlsRedisNetworkPolicyAndServiceMonitor() {
        assertThat(production.kinds())
                .containsExactly(
                        "ConfigMap",
                        "Deployment",
                        "Ingress",
                        "NetworkPolicy",
                        "PodDisruptionBudget",
                        "Service",
                        "ServiceAccount",
                        "ServiceMonitor");
        GatewayPod pod = new GatewayPod(production.one(Deployment.class));
        assertThat(production.one(Deployment.class).getSpec().getReplicas()).isEqualTo(3);
        assertThat(pod.env("REDIS_URL").map(EnvVar::getValueFrom).map(from -> from.getSecretKeyRef()))
                .hasValueSatisfying(ref -> {
                    assertThat(ref.getName()).isEqualTo("gateway-redis");
                    assertThat(ref.getKey()).isEqualTo("url");
                });
        assertThat(pod.gateway().getEnvFrom())
                .anySatisfy(from -> assertThat(from.getSecretRef().getName()).isEqualTo("gateway-env"));
        assertThat(production.all(Secret.class))
                .as("every secret comes from existing Secrets")
                .isEmpty();
        Ingress ingress = production.one(Ingress.class);
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getSecretName()).isEqualTo("mcp-example-com-tls");
            assertThat(tls.getHosts()).containsExactly("mcp.example.com");
        });
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
    }

    @Test
    void strictParsingRefusesUnknownFieldsAndUnquotedAnnotationValues() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: gw }
                spec:
                  replica: 3
                  selector: { matchLabels: { app: gw } }
                  template: { spec: { containers: [ { name: gateway, image: gw:1 } ] } }
                """;
        String ingress = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: gw
                  annotations: { nginx.ingress.kubernetes.io/proxy-buffering: %s }
                """;

        assertThatThrownBy(() -> RenderedManifests.parse(deployment)).hasMessageContaining("replica");
        assertThatThrownBy(() -> RenderedManifests.parse(ingress.formatted("off")))
                .hasMessageContaining("Ingress");
        assertThatThrownBy(() -> RenderedManifests.parse(ingress.formatted("3600")))
                .hasMessageContaining("Ingress");
        assertThat(RenderedManifests.parse(ingress.formatted("\"off\"")).kinds())
                .containsExactly("Ingress");
    }

    @Test
    void deploymentRunsAsNonRootOnAReadOnlyRootFilesystemWithoutCapabilities() {
        for (RenderedManifests rendered : new RenderedManifests[] {defaults, production}) {
            GatewayPod pod = new GatewayPod(rendered.one(Deployment.class));
            PodSecurityContext podContext = pod.spec().getSecurityContext();
            SecurityContext container = pod.gateway().getSecurityContext();

            assertThat(podContext.getRunAsNonRoot()).isTrue();
            assertThat(podContext.getRunAsUser()).isPositive();
            assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(container.getRunAsNonRoot()).isTrue();
            assertThat(container.getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getPrivileged()).isNotEqualTo(Boolean.TRUE);
            assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
            assertThat(pod.mount("tmp").getMountPath()).isEqualTo("/tmp");
            assertThat(pod.volume("tmp").getEmptyDir()).isNotNull();
            assertThat(pod.spec().getAutomountServiceAccountToken()).isFalse();
        }
    }

    @Test
    void containerHasResourcesAndContainerAwareJvmFlags() {
        Container gateway = new GatewayPod(defaults.one(Deployment.class)).gateway();

        assertThat(gateway.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(gateway.getResources().getLimits()).containsKey("memory");
        assertThat(new GatewayPod(defaults.one(Deployment.class)).envValue("JAVA_TOOL_OPTIONS"))
                .contains("-XX:MaxRAMPercentage=75")
                .contains("-XX:+ExitOnOutOfMemoryError")
                .doesNotContain("-Xmx");
    }

    @Test
    void ingressCarriesTheNginxStreamingAnnotationsByDefault() {
        assertThat(defaults.one(Ingress.class).getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-request-buffering", "off")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-http-version", "1.1")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "4m");
        assertThat(defaults.one(Ingress.class).getSpec().getIngressClassName()).isEqualTo("nginx");
    }

    @Test
    void ingressAnnotationsOverrideTheStreamingDefaultsOneByOne() {
        Map<String, String> annotations = HelmChart.withDefaults()
                .values("""
                        ingress:
                          className: internal-nginx
                          annotations:
                            nginx.ingress.kubernetes.io/proxy-read-timeout: "86400"
                        """)
                .render()
                .one(Ingress.class)
                .getMetadata()
                .getAnnotations();

        assertThat(annotations)
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "86400")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
    }

    @Test
    void annotationValueThatIsNotAStringIsRefusedBeforeItReachesTheApiServer() {
        assertThatThrownBy(() -> HelmChart.withDefaults()
                        .set("ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/proxy-read-timeout", "86400")
                        .template())
                .hasMessageContaining("/ingress/annotations");
    }

    @Test
    void ingressRoutesOnlyTheMcpPortNeverTheManagementPort() {
        for (RenderedManifests rendered : new RenderedManifests[] {defaults, production}) {
            assertThat(rendered.one(Ingress.class).getSpec().getRules())
                    .flatMap(rule -> rule.getHttp().getPaths())
                    .allSatisfy(path -> assertThat(
                                    path.getBackend().getService().getPort().getName())
                            .isEqualTo("http"));
        }
    }

    @Test
    void threeReplicasWithoutASharedStoreFailToRenderAndSayWhy() {
        assertThatThrownBy(
                        () -> HelmChart.withDefaults().set("replicaCount", "3").template())
                .hasMessageContaining("replicaCount=3 needs a shared store")
                .hasMessageContaining("rate-limit buckets and MCP session bindings")
                .hasMessageContaining("redis.url")
                .hasMessageContaining("redis.existingSecret");
    }

    @Test
    void autoscalingBeyondOneReplicaWithoutASharedStoreFailsToRender() {
        assertThatThrownBy(() -> HelmChart.withDefaults()
                        .set("autoscaling.enabled", "true")
                        .template())
                .hasMessageContaining("autoscaling up to 6 replicas needs a shared store");
    }

    @Test
    void severalReplicasWithAStoreKeptInMemoryByTheRoutesFailToRender() {
        assertThatThrownBy(() -> HelmChart.withValuesFile(PRODUCTION_VALUES)
                        .set("routes.gateway.session-store", "memory")
                        .template())
                .hasMessageContaining("keeps gateway.session-store in memory");
        Path routes = Repository.path("routes.yaml");
        assertThatThrownBy(() -> HelmChart.withValuesFile(PRODUCTION_VALUES)
                        .setFile("routesYaml", routes)
                        .template())
                .hasMessageContaining("keeps gateway.rate-limit-store in memory");
    }

    @Test
    void redisUrlReachesBothStoresThroughASecretAndThePlaceholder() {
        RenderedManifests rendered = HelmChart.withDefaults()
                .set("redis.url", "redis-sentinel://sentinel:26379/mymaster")
                .render();
        GatewayPod pod = new GatewayPod(rendered.one(Deployment.class));
        Secret secret = rendered.one(Secret.class);

        assertThat(secret.getStringData()).containsEntry("redis-url", "redis-sentinel://sentinel:26379/mymaster");
        assertThat(pod.env("REDIS_URL")
                        .orElseThrow()
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getName())
                .isEqualTo(secret.getMetadata().getName());
        Map<String, Object> gateway = routesDocument(rendered).get("gateway");
        assertThat(gateway)
                .containsEntry("rate-limit-store", "${REDIS_URL}")
                .containsEntry("session-store", "${REDIS_URL}");
        GatewayConfig config = new RoutesFileParser(Map.of("REDIS_URL", "redis://redis:6379")::get)
                .parse("configmap", routesYaml(rendered));
        assertThat(config.rateLimits().redis()).isNotNull();
        assertThat(config.sessionStore().inMemory()).isFalse();
    }

    @Test
    void renderedRoutesAreAcceptedByTheGatewaysConfigurationLoader() {
        GatewayConfig fromDefaults = new RoutesFileParser(name -> null).parse("default", routesYaml(defaults));
        GatewayConfig fromProduction =
                new RoutesFileParser(PRODUCTION_ENVIRONMENT::get).parse("production", routesYaml(production));

        assertThat(fromDefaults.routes())
                .singleElement()
                .satisfies(route -> assertThat(route.resource()).isEqualTo("https://mcp.example.com/example/mcp"));
        assertThat(fromProduction.routes())
                .singleElement()
                .satisfies(route -> assertThat(route.upstreamHeaders()).containsEntry("X-Api-Key", "github-key"));
        assertThat(fromProduction.rateLimits().redis()).isNotNull();
        assertThat(fromProduction.sessionStore().inMemory()).isFalse();
    }

    @Test
    void routesFromSetFileAreMountedVerbatim() {
        Path routes = Repository.path("routes.yaml");
        RenderedManifests rendered =
                HelmChart.withDefaults().setFile("routesYaml", routes).render();

        assertThat(routesYaml(rendered)).isEqualTo(read(routes));
        new RoutesFileParser(name -> null).parse("routes.yaml", routesYaml(rendered));
    }

    @Test
    void routesAreMountedAsADirectoryThatTheRoutesFileSettingPointsInto() {
        GatewayPod pod = new GatewayPod(defaults.one(Deployment.class));
        ConfigMap configMap = defaults.one(ConfigMap.class);
        VolumeMount mount = pod.mount("routes");

        assertThat(mount.getSubPath()).as("a subPath mount never sees updates").isNull();
        assertThat(mount.getReadOnly()).isTrue();
        assertThat(pod.volume("routes").getConfigMap().getName())
                .isEqualTo(configMap.getMetadata().getName());
        assertThat(configMap.getData()).containsOnlyKeys("routes.yaml");
        assertThat(pod.envValue("GATEWAY_ROUTES_FILE")).isEqualTo(mount.getMountPath() + "/routes.yaml");
    }

    @Test
    void probesAskTheGatewaysHealthGroupsOnTheManagementPort() {
        GatewayPod pod = new GatewayPod(defaults.one(Deployment.class));
        Container gateway = pod.gateway();
        HTTPGetAction liveness = gateway.getLivenessProbe().getHttpGet();
        HTTPGetAction readiness = gateway.getReadinessProbe().getHttpGet();
        HTTPGetAction startup = gateway.getStartupProbe().getHttpGet();

        assertThat(liveness.getPath()).isEqualTo(ChartPodSettingsIT.LIVENESS);
        assertThat(readiness.getPath()).isEqualTo(ChartPodSettingsIT.READINESS);
        assertThat(startup.getPath()).isEqualTo(ChartPodSettingsIT.LIVENESS);
        for (HTTPGetAction probe : new HTTPGetAction[] {liveness, readiness, startup}) {
            assertThat(probe.getPort().getStrVal()).isEqualTo("management");
        }
        assertThat(pod.envValue("MANAGEMENT_SERVER_PORT")).isEqualTo(String.valueOf(pod.containerPort("management")));
        assertThat(pod.envValue("SERVER_PORT")).isEqualTo(String.valueOf(pod.containerPort("http")));
        assertThat(pod.containerPort("management")).isNotEqualTo(pod.containerPort("http"));
        assertThat(defaults.one(Service.class).getSpec().getPorts())
                .extracting(ServicePort::getName)
                .containsExactly("http", "management");
    }

    @Test
    void podsWarmUpBeforeTheyReportReadyUnlessTurnedOff() {
        GatewayPod pod = new GatewayPod(defaults.one(Deployment.class));
        assertThat(pod.envValue("GATEWAY_WARM_UP_DURATION")).isEqualTo("30s");
        assertThat(pod.envValue("GATEWAY_WARM_UP_CONNECTIONS")).isEqualTo("16");

        GatewayPod off = new GatewayPod(
                HelmChart.withDefaults().set("warmUp.seconds", "0").render().one(Deployment.class));
        assertThat(off.envValue("GATEWAY_WARM_UP_DURATION")).isEqualTo("0s");
    }

    @Test
    void terminationGracePeriodCoversEveryPhaseOfTheGatewaysShutdown() {
        GatewayPod pod = new GatewayPod(defaults.one(Deployment.class));
        assertThat(seconds(pod.envValue("GATEWAY_SHUTDOWN_GRACE_PERIOD")))
                .as("the chart's default is the gateway's")
                .isEqualTo(GatewayDefaults.shutdownGracePeriod());
        assertThat(seconds(pod.envValue("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE")))
                .isEqualTo(GatewayDefaults.timeoutPerShutdownPhase());

        for (RenderedManifests rendered : new RenderedManifests[] {defaults, production}) {
            GatewayPod rendering = new GatewayPod(rendered.one(Deployment.class));
            Duration grace = seconds(rendering.envValue("GATEWAY_SHUTDOWN_GRACE_PERIOD"));
            Duration phase = seconds(rendering.envValue("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"));
            Duration preStop = Duration.ofSeconds(Long.parseLong(rendering
                    .gateway()
                    .getLifecycle()
                    .getPreStop()
                    .getExec()
                    .getCommand()
                    .get(1)));
            Duration drain = grace.plus(GatewayDefaults.streamsCloseWait());

            assertThat(phase).as("the drain fits in one shutdown phase").isGreaterThanOrEqualTo(drain);
            assertThat(Duration.ofSeconds(rendering.spec().getTerminationGracePeriodSeconds()))
                    .as("preStop, drain of calls and streams, then the web server's phase")
                    .isGreaterThanOrEqualTo(preStop.plus(drain).plus(phase));
        }
    }

    @Test
    void aGracePeriodLongerThanTheShutdownPhaseFailsToRender() {
        assertThatThrownBy(() -> HelmChart.withDefaults()
                        .set("shutdown.gracePeriodSeconds", "40")
                        .template())
                .hasMessageContaining("shutdown.timeoutPerShutdownPhaseSeconds (30) must be at least");
    }

    @Test
    void rollingRestartOnRoutesChangeIsOptIn() {
        assertThat(new GatewayPod(defaults.one(Deployment.class)).podAnnotations())
                .doesNotContainKey("checksum/routes");

        String before = checksum(HelmChart.withDefaults().set("rollOnRoutesChange", "true"));
        String after = checksum(HelmChart.withDefaults()
                .set("rollOnRoutesChange", "true")
                .set("routes.gateway.public-base-url", "https://other.example.com"));

        assertThat(before).isNotBlank().isNotEqualTo(after);
    }

    @Test
    void grafanaDashboardShipsAsALabelledConfigMapWhenEnabledAndEqualsTheRepositoryCopy() throws Exception {
        assertThat(defaults.all(ConfigMap.class))
                .noneMatch(map -> map.getMetadata().getName().endsWith("-dashboard"));
        ConfigMap dashboard =
                HelmChart.withDefaults().set("grafanaDashboard.enabled", "true").render().all(ConfigMap.class).stream()
                        .filter(map -> map.getMetadata().getName().endsWith("-dashboard"))
                        .findFirst()
                        .orElseThrow();

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        String shipped = dashboard.getData().get("mcp-auth-gateway.json");
        String repository = Files.readString(Repository.path("observability/grafana-dashboard.json"));
        assertThat(shipped.strip()).isEqualTo(repository.strip());
    }

    @Test
    void autoscalerOwnsTheReplicaCountWhenEnabled() {
        RenderedManifests rendered = HelmChart.withValuesFile(PRODUCTION_VALUES)
                .set("autoscaling.enabled", "true")
                .render();
        HorizontalPodAutoscaler autoscaler = rendered.one(HorizontalPodAutoscaler.class);

        assertThat(rendered.one(Deployment.class).getSpec().getReplicas()).isNull();
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName())
                .isEqualTo(rendered.one(Deployment.class).getMetadata().getName());
        assertThat(autoscaler.getSpec().getMaxReplicas()).isEqualTo(6);
    }

    @Test
    void serviceMonitorScrapesPrometheusOnTheManagementPort() {
        Endpoint endpoint =
                production.one(ServiceMonitor.class).getSpec().getEndpoints().get(0);

        assertThat(endpoint.getPort()).isEqualTo("management");
        assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
        assertThat(production.one(ServiceMonitor.class).getMetadata().getLabels())
                .containsEntry("release", "kube-prometheus-stack");
    }

    @Test
    void networkPolicyAdmitsTheIngressControllerToTheMcpPortAndMonitoringToTheManagementPort() {
        NetworkPolicy policy = production.one(NetworkPolicy.class);

        assertThat(policy.getSpec().getIngress()).hasSize(2);
        assertThat(policy.getSpec()
                        .getIngress()
                        .get(0)
                        .getPorts()
                        .get(0)
                        .getPort()
                        .getStrVal())
                .isEqualTo("http");
        assertThat(policy.getSpec()
                        .getIngress()
                        .get(0)
                        .getFrom()
                        .get(0)
                        .getNamespaceSelector()
                        .getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "ingress-nginx");
        assertThat(policy.getSpec()
                        .getIngress()
                        .get(1)
                        .getPorts()
                        .get(0)
                        .getPort()
                        .getStrVal())
                .isEqualTo("management");
        assertThat(policy.getSpec()
                        .getIngress()
                        .get(1)
                        .getFrom()
                        .get(0)
                        .getNamespaceSelector()
                        .getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "monitoring");
    }

    private static String checksum(HelmChart chart) {
        return new GatewayPod(chart.render().one(Deployment.class))
                .podAnnotations()
                .get("checksum/routes");
    }

    static String routesYaml(RenderedManifests rendered) {
        return rendered.one(ConfigMap.class).getData().get("routes.yaml");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> routesDocument(RenderedManifests rendered) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(routesYaml(rendered));
    }

    private static Duration seconds(String text) {
        assertThat(text).matches("[0-9]+s");
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
