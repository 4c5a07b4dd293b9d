package io.jenkins.plugins.buildkit.driver.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects a kubernetes builder consists of, shaped as Buildx's driver makes them: a Deployment
 * (or, with a volume claim, a StatefulSet) of privileged {@code buildkitd} pods, and a ConfigMap
 * holding buildkitd.toml.
 */
final class KubernetesManifest {
    static final String CONTAINER = "buildkitd";
    private static final String CONFIG_DIR = "/etc/buildkit";
    private static final String STATE_DIR = "/var/lib/buildkit";
    private static final String ROOTLESS_STATE_DIR = "/home/user/.local/share/buildkit";

    final String name;
    private final KubernetesDriverOptions options;
    private final List<String> platforms;
    private final String buildkitdConfig;

    KubernetesManifest(String name, KubernetesDriverOptions options, List<String> platforms, String buildkitdConfig) {
        this.name = name;
        this.options = options;
        this.platforms = List.copyOf(platforms);
        this.buildkitdConfig = buildkitdConfig;
    }

    boolean stateful() {
        return options.volumeClaimStorage != null;
    }

    String configMapName() {
        return name + "-config";
    }

    /** The pods' labels: {@code app=NAME} and the user's; also the workload's selector. */
    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>(options.labels);
        labels.put(KubernetesDriverOptions.APP_LABEL, name);
        return labels;
    }

    private Map<String, String> annotations() {
        Map<String, String> annotations = new LinkedHashMap<>(options.annotations);
        if (!platforms.isEmpty()) {
            annotations.put(KubernetesDriverOptions.PLATFORM_ANNOTATION, String.join(",", platforms));
        }
        return annotations;
    }

    private ObjectMeta meta(String objectName) {
        return new ObjectMetaBuilder().withName(objectName).withLabels(labels()).withAnnotations(annotations()).build();
    }

    /** buildkitd.toml, or null when the builder has none. */
    ConfigMap configMap() {
        return buildkitdConfig == null ? null
                : new ConfigMapBuilder().withMetadata(meta(configMapName())).addToData("buildkitd.toml", buildkitdConfig).build();
    }

    Deployment deployment() {
        return new DeploymentBuilder().withMetadata(meta(name))
                .withNewSpec().withReplicas(options.replicas).withNewSelector().withMatchLabels(labels()).endSelector()
                .withTemplate(podTemplate()).endSpec().build();
    }

    StatefulSet statefulSet() {
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder().withNewMetadata().withName(CONTAINER).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity(options.volumeClaimStorage)).endResources()
                .endSpec().build();
        return new StatefulSetBuilder().withMetadata(meta(name))
                .withNewSpec().withReplicas(options.replicas).withServiceName(CONTAINER).withPodManagementPolicy("Parallel")
                .withNewSelector().withMatchLabels(labels()).endSelector()
                .withTemplate(podTemplate()).withVolumeClaimTemplates(claim).endSpec().build();
    }

    private PodTemplateSpec podTemplate() {
        Map<String, String> podAnnotations = annotations();
        if (options.rootless) {
            podAnnotations.put("container.apparmor.security.beta.kubernetes.io/" + CONTAINER, "unconfined");
        }
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        if (buildkitdConfig != null) {
            volumes.add(new VolumeBuilder().withName("config").withNewConfigMap().withName(configMapName()).endConfigMap().build());
            mounts.add(new VolumeMountBuilder().withName("config").withMountPath(CONFIG_DIR).build());
        }
        String stateDir = options.rootless ? ROOTLESS_STATE_DIR : STATE_DIR;
        if (stateful()) {
            mounts.add(new VolumeMountBuilder().withName(CONTAINER).withMountPath(stateDir).build());
        } else if (options.rootless || options.rootVolumeMemory != null) {
            VolumeBuilder state = new VolumeBuilder().withName(CONTAINER);
            state = options.rootVolumeMemory == null ? state.withNewEmptyDir().endEmptyDir()
                    : state.withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity(options.rootVolumeMemory)).endEmptyDir();
            volumes.add(state.build());
            mounts.add(new VolumeMountBuilder().withName(CONTAINER).withMountPath(stateDir).build());
        }
        PodSpecBuilder pod = new PodSpecBuilder().withContainers(buildkitd(mounts)).withVolumes(volumes)
                .withNodeSelector(options.nodeSelector.isEmpty() ? null : options.nodeSelector)
                .withTolerations(options.tolerations.stream().map(KubernetesManifest::toleration).toList())
                .withSchedulerName(options.schedulerName).withServiceAccountName(options.serviceAccount);
        if (options.hostNetwork) {
            pod.withHostNetwork(true).withDnsPolicy("ClusterFirstWithHostNet");
        }
        if (options.qemuInstall) {
            pod.withInitContainers(new ContainerBuilder().withName("qemu").withImage(options.qemuImage)
                    .withArgs("--install", "all").withNewSecurityContext().withPrivileged(true).endSecurityContext().build());
        }
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels()).withAnnotations(podAnnotations).endMetadata()
                .withSpec(pod.build()).build();
    }

    private Container buildkitd(List<VolumeMount> mounts) {
        List<String> args = new ArrayList<>(options.buildkitdFlags);
        if (buildkitdConfig != null) {
            args.add("--config=" + CONFIG_DIR + "/buildkitd.toml");
        }
        if (options.rootless) {
            args.add("--oci-worker-no-process-sandbox");
        }
        ContainerBuilder c = new ContainerBuilder().withName(CONTAINER).withImage(options.image).withArgs(args)
                .withEnv(options.env.entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList())
                .withVolumeMounts(mounts).withReadinessProbe(workersProbe()).withLivenessProbe(workersProbe())
                .withNewResources().withRequests(quantities(options.requests)).withLimits(quantities(options.limits)).endResources();
        c = options.rootless
                ? c.withNewSecurityContext().withNewSeccompProfile().withType("Unconfined").endSeccompProfile().endSecurityContext()
                : c.withNewSecurityContext().withPrivileged(true).endSecurityContext();
        return c.build();
    }

    /** Buildx's probe: the daemon answers with its workers. */
    private static Probe workersProbe() {
        return new ProbeBuilder().withNewExec().withCommand("buildctl", "debug", "workers").endExec()
                .withFailureThreshold(3).withInitialDelaySeconds(5).withPeriodSeconds(30).withSuccessThreshold(1)
                .withTimeoutSeconds(60).build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new Quantity(v)));
        return out.isEmpty() ? null : out;
    }

    private static Toleration toleration(KubernetesDriverOptions.Toleration t) {
        return new TolerationBuilder().withKey(t.key()).withOperator(t.operator()).withValue(t.value())
                .withEffect(t.effect()).withTolerationSeconds(t.tolerationSeconds()).build();
    }
}
