package dev.mcpgateway.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The pod the chart's Deployment describes, read the way a test asks about it. */
record GatewayPod(Deployment deployment) {

    PodSpec spec() {
        return deployment.getSpec().getTemplate().getSpec();
    }

    Container gateway() {
        return spec().getContainers().stream()
                .filter(container -> container.getName().equals("gateway"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container named gateway"));
    }

    Optional<EnvVar> env(String name) {
        return gateway().getEnv().stream()
                .filter(variable -> variable.getName().equals(name))
                .findFirst();
    }

    /** The literal value of an environment variable. */
    String envValue(String name) {
        EnvVar variable = env(name).orElseThrow(() -> new AssertionError("no environment variable " + name));
        if (variable.getValue() == null) {
            throw new AssertionError(name + " has no literal value");
        }
        return variable.getValue();
    }

    /** Every environment variable with a literal value, in order (what the kubelet hands the process). */
    Map<String, String> literalEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        gateway().getEnv().stream()
                .filter(variable -> variable.getValue() != null)
                .forEach(variable -> environment.put(variable.getName(), variable.getValue()));
        return environment;
    }

    int containerPort(String name) {
        return gateway().getPorts().stream()
                .filter(port -> name.equals(port.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    VolumeMount mount(String volume) {
        return gateway().getVolumeMounts().stream()
                .filter(mount -> mount.getName().equals(volume))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mount of volume " + volume));
    }

    Volume volume(String name) {
        return spec().getVolumes().stream()
                .filter(volume -> volume.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    Map<String, String> podAnnotations() {
        Map<String, String> annotations =
                deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }
}
