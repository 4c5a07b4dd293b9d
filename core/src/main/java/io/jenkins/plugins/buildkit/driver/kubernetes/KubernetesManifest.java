package io.jenkins.plugins.buildkit.driver.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
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
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
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
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import io.jenkins.plugins.buildkit.driver.DaemonConfigFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects a kubernetes builder consists of, shaped as Buildx's driver makes them: a Deployment
 * (or, with a volume claim, a StatefulSet) of privileged {@code buildkitd} pods (with {@code rootless},
 * unprivileged ones whose image starts buildkitd in a user namespace), a ConfigMap holding
 * buildkitd.toml and the registry certificates it names, and a Secret for their private keys.
 */
final class KubernetesManifest {
    static final String CONTAINER = "buildkitd";
    private static final String TOML = "buildkitd.toml";
    private static final String STATE_DIR = "/var/lib/buildkit";
    private static final String ROOTLESS_STATE_DIR = "/home/user/.local/share/buildkit";
    private static final String ROOT_MEMORY_VOLUME = "buildkit-memory";

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

    String keysSecretName() {
        return name + "-keys";
    }

    String pullSecretName() {
        return name + "-pull";
    }

    /** The registries the pods pull their images from: buildkitd's, and the qemu installer's when it runs. */
    java.util.Set<String> pullRegistries() {
        java.util.Set<String> registries = new java.util.LinkedHashSet<>();
        registries.add(RegistryCredential.registryOf(options.image));
        if (options.qemuInstall) {
            registries.add(RegistryCredential.registryOf(options.qemuImage));
        }
        return registries;
    }

    /**
     * The build's logins for {@link #pullRegistries()} as an image pull secret, as the container driver
     * pulls its image with the build's login for that registry; null when the build has none of them.
     */
    Secret pullSecret(Map<String, RegistryCredential> logins) {
        Map<String, Map<String, String>> auths = new LinkedHashMap<>();
        for (String registry : pullRegistries()) {
            RegistryCredential login = logins.entrySet().stream().filter(e -> RegistryCredential.hostKey(e.getKey()).equals(registry))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (login != null) {
                String pair = login.username() + ":" + login.secret();
                // the kubelet knows Docker Hub by the key the Docker CLI writes for it
                auths.put(registry.equals("docker.io") ? "https://index.docker.io/v1/" : registry, Map.of("username", login.username(),
                        "password", login.secret(), "auth", Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
            }
        }
        if (auths.isEmpty()) {
            return null;
        }
        String json = io.fabric8.kubernetes.client.utils.Serialization.asJson(Map.of("auths", auths));
        return new SecretBuilder().withMetadata(meta(pullSecretName())).withType("kubernetes.io/dockerconfigjson")
                .addToData(".dockerconfigjson", Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))).build();
    }

    /** The toml as the builder has it, whose registry files are read when the pods are made. */
    String buildkitdConfig() {
        return buildkitdConfig;
    }

    /** buildkitd.toml and the registry certificates it names, or null when the builder has no toml. */
    ConfigMap configMap(DaemonConfigFiles config) {
        if (config.toml() == null) {
            return null;
        }
        ConfigMapBuilder map = new ConfigMapBuilder().withMetadata(meta(configMapName())).addToData(TOML, config.toml());
        volumeItems(config, false).forEach((key, path) ->
                map.addToData(key, new String(config.files().get(path), StandardCharsets.UTF_8)));
        return map.build();
    }

    /** The private keys of the toml's registry key pairs, kept out of the ConfigMap; null when there are none. */
    Secret keysSecret(DaemonConfigFiles config) {
        if (config.keys().isEmpty()) {
            return null;
        }
        SecretBuilder secret = new SecretBuilder().withMetadata(meta(keysSecretName()));
        volumeItems(config, true).forEach((key, path) ->
                secret.addToStringData(key, new String(config.files().get(path), StandardCharsets.UTF_8)));
        return secret.build();
    }

    /**
     * Object keys to paths below {@code /etc/buildkit}, for the keys ({@code secrets}) or the rest:
     * an object's keys may not hold '/', so each file gets a key of its own and the volume puts it back.
     */
    private static Map<String, String> volumeItems(DaemonConfigFiles config, boolean secrets) {
        Map<String, String> items = new LinkedHashMap<>();
        int n = 0;
        for (String path : config.files().keySet()) {
            if (config.keys().contains(path) == secrets) {
                items.put("file-" + n++ + "-" + path.substring(path.lastIndexOf('/') + 1).replaceAll("[^-._a-zA-Z0-9]", "_"), path);
            }
        }
        return items;
    }

    /** @param pullSecret whether the pods pull with {@link #pullSecretName()} */
    Deployment deployment(DaemonConfigFiles config, boolean pullSecret) {
        return new DeploymentBuilder().withMetadata(meta(name))
                .withNewSpec().withReplicas(options.replicas).withNewSelector().withMatchLabels(labels()).endSelector()
                .withTemplate(podTemplate(config, pullSecret)).endSpec().build();
    }

    StatefulSet statefulSet(DaemonConfigFiles config, boolean pullSecret) {
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder().withNewMetadata().withName(CONTAINER).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity(options.volumeClaimStorage)).endResources()
                .endSpec().build();
        return new StatefulSetBuilder().withMetadata(meta(name))
                .withNewSpec().withReplicas(options.replicas).withServiceName(CONTAINER).withPodManagementPolicy("Parallel")
                .withNewSelector().withMatchLabels(labels()).endSelector()
                .withTemplate(podTemplate(config, pullSecret)).withVolumeClaimTemplates(claim).endSpec().build();
    }

    private PodTemplateSpec podTemplate(DaemonConfigFiles config, boolean pullSecret) {
        Map<String, String> podAnnotations = annotations();
        if (options.rootless) {
            podAnnotations.put("container.apparmor.security.beta.kubernetes.io/" + CONTAINER, "unconfined");
        }
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        if (config.toml() != null) {
            volumes.add(configVolume(config));
            mounts.add(new VolumeMountBuilder().withName("config").withMountPath(DaemonConfigFiles.CONFIG_DIR).build());
        }
        String stateDir = options.rootless ? ROOTLESS_STATE_DIR : STATE_DIR;
        if (stateful()) {
            mounts.add(new VolumeMountBuilder().withName(CONTAINER).withMountPath(stateDir).build());
        } else if (options.rootless || options.rootVolumeMemory != null) {
            // Buildx's names: the rootless state volume is "buildkitd", the root's in-memory one "buildkit-memory"
            String volumeName = options.rootless ? CONTAINER : ROOT_MEMORY_VOLUME;
            VolumeBuilder state = new VolumeBuilder().withName(volumeName);
            state = options.rootVolumeMemory == null ? state.withNewEmptyDir().endEmptyDir()
                    : state.withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity(options.rootVolumeMemory)).endEmptyDir();
            volumes.add(state.build());
            mounts.add(new VolumeMountBuilder().withName(volumeName).withMountPath(stateDir).build());
        }
        PodSpecBuilder pod = new PodSpecBuilder().withContainers(buildkitd(mounts)).withVolumes(volumes)
                .withNodeSelector(options.nodeSelector.isEmpty() ? null : options.nodeSelector)
                .withTolerations(options.tolerations.stream().map(KubernetesManifest::toleration).toList())
                .withSchedulerName(options.schedulerName).withServiceAccountName(options.serviceAccount);
        if (pullSecret) {
            pod.addNewImagePullSecret(pullSecretName());
        }
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

    /** /etc/buildkit: the ConfigMap's toml and certificates, and the keys' Secret when there is one. */
    private Volume configVolume(DaemonConfigFiles config) {
        List<KeyToPath> files = new ArrayList<>();
        files.add(new KeyToPath(TOML, null, TOML, null));
        volumeItems(config, false).forEach((key, path) -> files.add(new KeyToPath(key, null, path, null)));
        if (config.keys().isEmpty()) {
            return new VolumeBuilder().withName("config").withNewConfigMap().withName(configMapName()).withItems(files)
                    .endConfigMap().build();
        }
        List<KeyToPath> keys = new ArrayList<>();
        volumeItems(config, true).forEach((key, path) -> keys.add(new KeyToPath(key, 0600, path, null)));
        return new VolumeBuilder().withName("config").withNewProjected()
                .addNewSource().withNewConfigMap().withName(configMapName()).withItems(files).endConfigMap().endSource()
                .addNewSource().withNewSecret().withName(keysSecretName()).withItems(keys).endSecret().endSource()
                .endProjected().build();
    }

    private Container buildkitd(List<VolumeMount> mounts) {
        List<String> args = new ArrayList<>(options.buildkitdFlags);
        if (buildkitdConfig != null) {
            args.add("--config=" + DaemonConfigFiles.CONFIG_DIR + "/" + TOML);
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
