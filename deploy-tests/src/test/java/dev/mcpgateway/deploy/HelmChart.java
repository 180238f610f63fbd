package dev.mcpgateway.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code helm template} and {@code helm lint} of the chart, through helm-java (Helm's own Go library, bundled as a
 * native library: no helm binary needed). One render per call; values files and {@code --set} values in order.
 */
final class HelmChart {

    static final String RELEASE = "gw";
    static final String NAMESPACE = "mcp";
    /**
     * The Kubernetes version templates see. helm-java's library reports v1.20 unless told, older than the chart's
     * kubeVersion; a real {@code helm install} takes the cluster's.
     */
    static final String KUBE_VERSION = "v1.31.0";

    private final Map<String, String> sets = new LinkedHashMap<>();
    private final Map<String, Path> fileSets = new LinkedHashMap<>();
    private final List<Path> valuesFiles = new ArrayList<>();

    static HelmChart withDefaults() {
        return new HelmChart();
    }

    static HelmChart withValuesFile(Path file) {
        HelmChart chart = new HelmChart();
        chart.valuesFiles.add(file);
        return chart;
    }

    /** {@code -f} with a values file of this text, after those given before. */
    HelmChart values(String yaml) {
        try {
            Path file = Files.createTempFile("values", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, yaml);
            valuesFiles.add(file);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HelmChart set(String key, String value) {
        sets.put(key, value);
        return this;
    }

    /** {@code --set-file key=file}: the file's text as the value. */
    HelmChart setFile(String key, Path file) {
        fileSets.put(key, file);
        return this;
    }

    /** The rendered manifests, as {@code helm template} prints them. */
    String template() {
        TemplateCommand command = new Helm(Repository.CHART)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valuesFiles) {
            command = command.withValuesFile(file);
        }
        for (Map.Entry<String, String> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        for (Map.Entry<String, Path> set : fileSets.entrySet()) {
            command = command.setFile(set.getKey(), set.getValue());
        }
        return command.call();
    }

    /** The manifests, each parsed strictly as its Kubernetes kind. */
    RenderedManifests render() {
        return RenderedManifests.parse(template());
    }

    static LintResult lintStrict() {
        return new Helm(Repository.CHART).lint().strict().call();
    }
}
