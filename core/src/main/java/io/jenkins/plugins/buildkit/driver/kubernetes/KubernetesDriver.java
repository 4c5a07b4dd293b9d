package io.jenkins.plugins.buildkit.driver.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.OutputSpec;
import io.jenkins.plugins.buildkit.client.BackgroundInitialisation;
import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.ByteStream;
import io.jenkins.plugins.buildkit.client.ExportTarget;
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import io.jenkins.plugins.buildkit.client.SecretValue;
import io.jenkins.plugins.buildkit.driver.DaemonConfigFiles;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverFeature;
import io.jenkins.plugins.buildkit.driver.DriverStatus;
import io.jenkins.plugins.buildkit.driver.docker.ClientEngineLoad;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * {@code kubernetes}: BuildKit pods of the builder's own, made through the Kubernetes API as Buildx's
 * driver makes them, and reached by exec'ing {@code buildctl dial-stdio} in one of them.
 */
public final class KubernetesDriver implements Driver {
    private static final Pattern OBJECT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
    private static final int DIAL_ATTEMPTS = 5;

    private final String builderName;
    private final ClusterAccess access;
    private final KubernetesDriverOptions options;
    private final KubernetesManifest manifest;
    /** {@code --load}: into the Docker Engine of the machine that runs the build. */
    private final ClientEngineLoad load;
    private volatile boolean bootstrapped;

    /** Enough of a kubeconfig to run its parser; it names no real cluster and nothing connects to it. */
    private static final String WARM_UP_KUBECONFIG = "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
            + "clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\n"
            + "contexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n"
            + "users:\n- name: u\n  user:\n    token: t\n";

    /**
     * Starts initialising, on a thread of its own, what the first cluster call of this JVM needs: the
     * kubeconfig's YAML reading, the JSON mapping of the workload and pod models and the HTTP client
     * factory, about half a second of class initialisers in a fresh JVM. Nothing is read from or sent
     * to a cluster.
     */
    public static void initialiseInBackground() {
        BackgroundInitialisation.startOnce("buildkit-kubernetes-initialise",
                () -> Config.fromKubeconfig(WARM_UP_KUBECONFIG),
                () -> {
                    io.fabric8.kubernetes.client.utils.KubernetesSerialization json = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
                    json.unmarshal("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\"}", Deployment.class);
                    json.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"PodList\"}", io.fabric8.kubernetes.api.model.PodList.class);
                },
                () -> new StoppableJdkHttpClientFactory().newBuilder());
    }

    /**
     * @param kubeconfig a kubeconfig's text, or null
     * @param server the API server's URL, used with {@code token} when no kubeconfig is given
     * @throws IllegalArgumentException naming the option that is wrong, or the builder name when it
     *     cannot name Kubernetes objects
     */
    public KubernetesDriver(String builderName, Map<String, String> driverOptions, SecretValue kubeconfig, String server,
            SecretValue token, String caPem, String buildkitdConfig, List<String> platforms, Map<String, String> environment) {
        this.builderName = builderName;
        this.options = KubernetesDriverOptions.parse(driverOptions);
        String objectName = builderName.replace('_', '-');
        if (!OBJECT_NAME.matcher(objectName).matches()) {
            throw new IllegalArgumentException("name: \"" + builderName + "\" cannot name Kubernetes objects (lower case"
                    + " letters, digits and '-', at most 63)");
        }
        this.access = new ClusterAccess(kubeconfig, server, token, caPem, Map.copyOf(environment));
        this.manifest = new KubernetesManifest(objectName, options, platforms, buildkitdConfig);
        this.load = new ClientEngineLoad(environment);
    }

    @Override
    public String builderName() {
        return builderName;
    }

    @Override
    public String driverName() {
        return "kubernetes";
    }

    @Override
    public Set<DriverFeature> features() {
        return EnumSet.of(DriverFeature.CACHE_EXPORT, DriverFeature.TARBALL_OUTPUTS, DriverFeature.MULTI_PLATFORM,
                DriverFeature.ATTESTATIONS, DriverFeature.BUILDKIT_CONFIG, DriverFeature.OWN_DAEMON, DriverFeature.LOAD_INTO_DOCKER);
    }

    @Override
    public void requireLoadTarget() {
        load.requireReachable(builderName, driverName());
    }

    @Override
    public ExportTarget dockerLoadTarget() {
        return load.target();
    }

    /** {@code default-load}: unless a load or {@code cacheonly} is asked for, the image is loaded into Docker. */
    @Override
    public List<OutputSpec> outputs(BuildSpec spec) {
        return options.defaultLoad ? Driver.withDefaultLoad(spec) : spec.resolvedOutputs();
    }

    @Override
    public List<String> valuesToMask() {
        return access.secrets();
    }

    /** The cluster's access, read and parsed once per driver rather than for every client. */
    private Config config;

    private synchronized Config config() throws BuildKitException {
        if (config == null) {
            try {
                Config read = access.config();
                if (options.namespace() != null) {
                    read.setNamespace(options.namespace());
                } else if (read.getNamespace() == null) {
                    read.setNamespace("default");
                }
                config = read;
            } catch (IOException e) {
                throw new BuildKitException("builder \"" + builderName + "\": cannot read the cluster's access: " + e.getMessage(), e);
            }
        }
        return config;
    }

    /**
     * The driver's one API client, made at first use and shared by its calls and exec streams: each
     * client has its own HTTP client, TLS session and selector thread, and a build used to make three.
     */
    private KubernetesClient client;
    private final StoppableJdkHttpClientFactory httpClients = new StoppableJdkHttpClientFactory();
    private boolean closed;

    private synchronized KubernetesClient client() throws BuildKitException {
        if (closed) {
            throw new BuildKitException("builder \"" + builderName + "\": the kubernetes driver was closed");
        }
        if (client == null) {
            client = new KubernetesClientBuilder().withHttpClientFactory(httpClients).withConfig(config()).build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
            client = null;
        }
        httpClients.stopAll();
    }

    private BuildKitException failure(String doing, KubernetesClientException e) {
        String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        return new BuildKitException("builder \"" + builderName + "\": " + doing + ": " + why, e);
    }

    private HasMetadata workload(KubernetesClient k) {
        return manifest.stateful() ? k.apps().statefulSets().withName(manifest.name).get()
                : k.apps().deployments().withName(manifest.name).get();
    }

    private static int readyReplicas(HasMetadata workload) {
        Integer ready = null;
        if (workload instanceof Deployment d && d.getStatus() != null) {
            ready = d.getStatus().getReadyReplicas();
        } else if (workload instanceof StatefulSet s && s.getStatus() != null) {
            ready = s.getStatus().getReadyReplicas();
        }
        return ready == null ? 0 : ready;
    }

    @Override
    public void bootstrap(PrintStream log, Map<String, RegistryCredential> registryCredentials)
            throws BuildKitException, InterruptedException {
        PrintStream out = log == null ? new PrintStream(PrintStream.nullOutputStream()) : log;
        KubernetesClient k = client();
        try {
            String ns = k.getNamespace();
            if (workload(k) == null) {
                // the toml's certificates are read first: a path that is wrong stops the build before anything is made
                DaemonConfigFiles files = DaemonConfigFiles.read(manifest.buildkitdConfig());
                ConfigMap config = manifest.configMap(files);
                if (config != null) {
                    k.configMaps().resource(config).createOr(existing -> existing.update());
                    out.println("builder " + builderName + ": created configmap " + ns + "/" + manifest.configMapName());
                }
                Secret keys = manifest.keysSecret(files);
                if (keys != null) {
                    k.secrets().resource(keys).createOr(existing -> existing.update());
                    out.println("builder " + builderName + ": created secret " + ns + "/" + manifest.keysSecretName());
                }
                Secret pull = manifest.pullSecret(registryCredentials);
                if (pull != null) {
                    k.secrets().resource(pull).createOr(existing -> existing.update());
                    out.println("builder " + builderName + ": created secret " + ns + "/" + manifest.pullSecretName()
                            + " (the build's registry login, to pull the image)");
                }
                if (manifest.stateful()) {
                    k.apps().statefulSets().resource(manifest.statefulSet(files, pull != null)).create();
                    out.println("builder " + builderName + ": created statefulset " + ns + "/" + manifest.name);
                } else {
                    k.apps().deployments().resource(manifest.deployment(files, pull != null)).create();
                    out.println("builder " + builderName + ": created deployment " + ns + "/" + manifest.name);
                }
            }
            awaitReady(k, out);
            bootstrapped = true;
        } catch (KubernetesClientException e) {
            throw failure("cannot create its pods", e);
        }
    }

    private void awaitReady(KubernetesClient k, PrintStream out) throws BuildKitException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + options.timeout().toNanos();
        long nextReport = start;
        while (true) {
            HasMetadata w = workload(k);
            int ready = w == null ? 0 : readyReplicas(w);
            long now = System.nanoTime();
            if (ready >= options.replicas) {
                if (now - start > REPORT_EVERY.toNanos()) {
                    out.printf("builder %s: %d/%d pods ready after %.1fs%n", builderName, ready, options.replicas, (now - start) / 1e9);
                }
                return;
            }
            if (now >= nextReport) {
                out.printf("builder %s: waiting for %d/%d pods ready (%.0fs)%n", builderName, ready, options.replicas, (now - start) / 1e9);
                nextReport = now + REPORT_EVERY.toNanos();
            }
            if (now >= deadline) {
                throw new BuildKitException("builder \"" + builderName + "\": " + ready + "/" + options.replicas
                        + " pods ready after " + options.timeout().toSeconds() + "s (driver option timeout)" + podReport(k));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The pods' recent events and the tail of buildkitd's log: what a user needs to see why pods are not ready. */
    private String podReport(KubernetesClient k) {
        StringBuilder report = new StringBuilder();
        try {
            List<Pod> pods = k.pods().withLabels(manifest.labels()).list().getItems();
            for (Pod pod : pods) {
                String name = pod.getMetadata().getName();
                report.append("\n  pod ").append(name).append(": ").append(pod.getStatus() == null ? "?" : pod.getStatus().getPhase());
                List<Event> events = k.v1().events().withField("involvedObject.name", name).list().getItems().stream()
                        .sorted(Comparator.comparing(e -> String.valueOf(e.getLastTimestamp()))).toList();
                events.subList(Math.max(0, events.size() - 5), events.size()).forEach(e -> report.append("\n    ")
                        .append(e.getType()).append(' ').append(e.getReason()).append(": ").append(e.getMessage()));
                try {
                    String tail = k.pods().withName(name).inContainer(KubernetesManifest.CONTAINER).tailingLines(10).getLog();
                    if (tail != null && !tail.isBlank()) {
                        report.append("\n    buildkitd log:\n      ").append(tail.strip().replace("\n", "\n      "));
                    }
                } catch (KubernetesClientException noLogYet) {
                    // the container has not started: its events say why
                }
            }
            if (pods.isEmpty()) {
                report.append("\n  no pods were made; events of ").append(manifest.name).append(':');
                k.v1().events().withField("involvedObject.name", manifest.name).list().getItems()
                        .forEach(e -> report.append("\n    ").append(e.getReason()).append(": ").append(e.getMessage()));
            }
        } catch (KubernetesClientException e) {
            report.append("\n  (cannot list the pods: ").append(e.getMessage()).append(')');
        }
        return report.toString();
    }

    /** The API server's version, and the builder's workload and pods if they exist; nothing is made. */
    @Override
    public String probe() throws BuildKitException {
        KubernetesClient k = client();
        try {
            StringBuilder report = new StringBuilder("Kubernetes ").append(k.getKubernetesVersion().getGitVersion())
                    .append(" at ").append(k.getMasterUrl()).append("; ");
            HasMetadata w = workload(k);
            String kind = manifest.stateful() ? "statefulset " : "deployment ";
            if (w == null) {
                return report.append(kind).append(k.getNamespace()).append('/').append(manifest.name)
                        .append(" does not exist yet: the builder's first build creates it").toString();
            }
            report.append(kind).append(k.getNamespace()).append('/').append(manifest.name).append(": ")
                    .append(readyReplicas(w)).append('/').append(options.replicas).append(" pods ready");
            for (Pod pod : k.pods().withLabels(manifest.labels()).list().getItems()) {
                report.append("; pod ").append(pod.getMetadata().getName()).append(' ')
                        .append(pod.getStatus() == null ? "?" : pod.getStatus().getPhase());
            }
            return report.toString();
        } catch (KubernetesClientException e) {
            throw failure("cannot reach the cluster", e);
        }
    }

    @Override
    public DriverStatus status() throws BuildKitException {
        KubernetesClient k = client();
        try {
            HasMetadata w = workload(k);
            if (w == null) {
                return DriverStatus.INACTIVE;
            }
            return readyReplicas(w) > 0 ? DriverStatus.RUNNING : DriverStatus.STOPPED;
        } catch (KubernetesClientException e) {
            return DriverStatus.INACTIVE;
        }
    }

    @Override
    public BuildKitClient connect() throws BuildKitException, InterruptedException {
        return connect(null);
    }

    /** With {@code loadbalance=sticky}, the same context directory goes to the same pod each time. */
    @Override
    public BuildKitClient connectFor(BuildSpec spec) throws BuildKitException, InterruptedException {
        return connect(spec.contextDir().toString());
    }

    private BuildKitClient connect(String stickyKey) throws BuildKitException, InterruptedException {
        if (!bootstrapped) {
            bootstrap(null, Map.of());
        }
        return connectNode(choosePod(stickyKey));
    }

    /** The builder's pods by name, with their phase (Running, Pending, ...). */
    @Override
    public Map<String, String> nodes() throws BuildKitException {
        Map<String, String> pods = new java.util.TreeMap<>();
        KubernetesClient k = client();
        try {
            for (Pod pod : k.pods().withLabels(manifest.labels()).list().getItems()) {
                pods.put(pod.getMetadata().getName(), pod.getStatus() == null ? "Unknown" : pod.getStatus().getPhase());
            }
        } catch (KubernetesClientException e) {
            throw failure("cannot list its pods", e);
        }
        return pods;
    }

    @Override
    public BuildKitClient connectNode(String pod) throws BuildKitException, InterruptedException {
        return BuildKitClient.connect(() -> dial(pod), "BuildKit in pod " + pod, options.timeout(), null);
    }

    /** Running pods sorted by name, one chosen by the load-balancing option. */
    String choosePod(String stickyKey) throws BuildKitException {
        List<String> running;
        KubernetesClient k = client();
        try {
            running = k.pods().withLabels(manifest.labels()).list().getItems().stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                    .map(p -> p.getMetadata().getName()).sorted().toList();
        } catch (KubernetesClientException e) {
            throw failure("cannot list its pods", e);
        }
        if (running.isEmpty()) {
            throw new BuildKitException("builder \"" + builderName + "\": no running pod");
        }
        if (options.loadBalance == KubernetesDriverOptions.LoadBalance.RANDOM || stickyKey == null) {
            return running.get(ThreadLocalRandom.current().nextInt(running.size()));
        }
        // Rendezvous hashing: each pod scores the key; the best score wins, so a pod added or gone
        // moves only the keys that pod wins or won.
        return running.stream().max(Comparator.comparingLong(p -> score(stickyKey, p))).orElseThrow();
    }

    private static long score(String key, String pod) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((key + "\u0000" + pod).getBytes(StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(h).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Execs dial-stdio, retrying what may pass (a refused or reset connection, a timeout) as Buildx does. */
    private ByteStream dial(String pod) throws IOException {
        long backoff = 500;
        KubernetesClient k;
        try {
            k = client();
        } catch (BuildKitException e) {
            throw new IOException(e.getMessage(), e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return new PodExecStream(k, k.getNamespace(), pod);
            } catch (KubernetesClientException e) {
                if (attempt >= DIAL_ATTEMPTS || !transient_(e)) {
                    throw new IOException("exec buildctl dial-stdio in pod " + pod + ": " + e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while dialing pod " + pod);
            }
            backoff = Math.min(backoff * 2, 10_000);
        }
    }

    private static boolean transient_(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.http.HttpTimeoutException || m.contains("connection reset")
                    || m.contains("timed out") || m.contains("tls: internal error")) {
                return true;
            }
        }
        return false;
    }

    /** Pods are created and deleted with the builder; stopping does nothing, as in Buildx. */
    @Override
    public void stop() {
    }

    @Override
    public void remove(boolean keepState, boolean keepDaemon) throws BuildKitException, InterruptedException {
        bootstrapped = false;
        if (keepDaemon) {
            return;
        }
        KubernetesClient k = client();
        try {
            k.apps().deployments().withName(manifest.name).delete();
            k.apps().statefulSets().withName(manifest.name).delete();
            k.configMaps().withName(manifest.configMapName()).delete();
            k.secrets().withName(manifest.keysSecretName()).delete();
            k.secrets().withName(manifest.pullSecretName()).delete();
            long deadline = System.nanoTime() + options.timeout().toNanos();
            // The pods go with their workload; wait for them, so that nothing is left running after rm.
            while (!k.pods().withLabels(manifest.labels()).list().getItems().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new BuildKitException("builder \"" + builderName + "\": its pods were still there "
                            + options.timeout().toSeconds() + "s after their " + (manifest.stateful() ? "statefulset" : "deployment")
                            + " was deleted");
                }
                Thread.sleep(POLL.toMillis());
            }
            if (!keepState) {
                String prefix = KubernetesManifest.CONTAINER + "-" + manifest.name + "-";
                k.persistentVolumeClaims().list().getItems().stream().map(c -> c.getMetadata().getName())
                        .filter(n -> n.startsWith(prefix)).forEach(n -> k.persistentVolumeClaims().withName(n).delete());
                // A deleted claim stays until the protection controller lifts its finalizer; wait, so that rm
                // returns with the cache really gone and a builder of the same name starts empty.
                while (k.persistentVolumeClaims().list().getItems().stream().anyMatch(c -> c.getMetadata().getName().startsWith(prefix))) {
                    if (System.nanoTime() > deadline) {
                        throw new BuildKitException("builder \"" + builderName + "\": its volume claims were still there "
                                + options.timeout().toSeconds() + "s after they were deleted");
                    }
                    Thread.sleep(POLL.toMillis());
                }
            }
        } catch (KubernetesClientException e) {
            throw failure("cannot remove its objects", e);
        }
    }
}
