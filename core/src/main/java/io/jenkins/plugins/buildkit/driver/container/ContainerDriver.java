package io.jenkins.plugins.buildkit.driver.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.OutputSpec;
import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.ExportTarget;
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import io.jenkins.plugins.buildkit.driver.DaemonConfigFiles;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverFeature;
import io.jenkins.plugins.buildkit.driver.DriverStatus;
import io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint;
import io.jenkins.plugins.buildkit.driver.docker.DockerEngine;
import io.jenkins.plugins.buildkit.driver.docker.EngineLoad;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buildx's {@code docker-container} driver: a BuildKit daemon in a container of its own, named
 * {@code buildx_buildkit_<builder>0}, with its state in the volume {@code <container>_state}, created
 * and started through the Docker API on first use and reached with {@code buildctl dial-stdio} run by
 * {@code docker exec}.
 */
public final class ContainerDriver implements Driver {
    private static final Map<String, Object> BOOTSTRAP_LOCKS = new ConcurrentHashMap<>();

    private final String builderName;
    private final DockerEndpoint endpoint;
    private final ContainerDriverOptions options;
    private final Duration timeout;
    private final String configToml;
    /** Set by a bootstrap that found BuildKit answering; stop and remove clear it. */
    private volatile boolean bootstrapped;

    public ContainerDriver(String builderName, DockerEndpoint endpoint, ContainerDriverOptions options, Duration timeout) {
        this(builderName, endpoint, options, timeout, null);
    }

    /**
     * @param configToml the builder's {@code buildkitd.toml}, or null; the registry certificates it
     *     names are read when the container is created, and copied in beside it
     */
    public ContainerDriver(String builderName, DockerEndpoint endpoint, ContainerDriverOptions options, Duration timeout,
            String configToml) {
        this.builderName = builderName;
        this.endpoint = endpoint;
        this.options = options;
        this.timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        this.configToml = configToml;
    }

    @Override
    public String builderName() {
        return builderName;
    }

    @Override
    public String driverName() {
        return "docker-container";
    }

    public String containerName() {
        return containerName(builderName);
    }

    /** The container a builder of this name runs in, as Buildx names it (one node, number 0). */
    public static String containerName(String builderName) {
        return "buildx_buildkit_" + builderName + "0";
    }

    public String volumeName() {
        return containerName() + "_state";
    }

    /** Creates (if missing) and starts the container, then waits until BuildKit answers inside it. */
    @Override
    public void bootstrap(PrintStream log, Map<String, RegistryCredential> registryCredentials) throws BuildKitException, InterruptedException {
        // Two builds finding the builder missing at once must create one container between them.
        synchronized (BOOTSTRAP_LOCKS.computeIfAbsent(endpoint + "/" + containerName(), k -> new Object())) {
            try (DockerEngine engine = new DockerEngine(endpoint, Duration.ofSeconds(20))) {
                DockerClient docker = engine.api();
                InspectContainerResponse container = inspect(docker);
                boolean created = false;
                if (container == null) {
                    DaemonConfigFiles config = DaemonConfigFiles.read(configToml);
                    new ImagePull(builderName, options.image).ensure(engine.patientApi(), log, registryCredentials);
                    log.println("builder " + builderName + ": creating container " + containerName());
                    created = create(docker, config);
                    container = awaitInspectable(docker);
                }
                if (!created && !Boolean.TRUE.equals(container.getState().getRunning()) && recentlyCreated(container)) {
                    // Another process made it and may still be copying the configuration in: starting it
                    // now would run buildkitd without its buildkitd.toml.
                    awaitConfigured(docker);
                }
                boolean ready = false;
                try {
                    if (!Boolean.TRUE.equals(container.getState().getRunning())) {
                        log.println("builder " + builderName + ": starting container " + containerName());
                        try {
                            docker.startContainerCmd(containerName()).exec();
                        } catch (com.github.dockerjava.api.exception.NotModifiedException alreadyStarted) {
                            // another process started it between our look and our start
                        }
                    }
                    waitUntilReady(docker);
                    ready = true;
                    bootstrapped = true;
                } finally {
                    if (!ready) {
                        // Leave nothing running that cannot build: what we created goes, what was there stops.
                        if (created) {
                            discard(docker);
                        } else {
                            try {
                                docker.stopContainerCmd(containerName()).exec();
                            } catch (RuntimeException ignored) {
                                // already stopped
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new BuildKitException(e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new BuildKitException("builder \"" + builderName + "\" (driver docker-container): "
                        + DockerEngine.describe(endpoint, e), e);
            }
        }
    }

    private void discard(DockerClient docker) {
        try {
            docker.removeContainerCmd(containerName()).withForce(true).exec();
            docker.removeVolumeCmd(volumeName()).exec();
        } catch (RuntimeException ignored) {
            // best effort while already failing
        }
    }

    private InspectContainerResponse inspect(DockerClient docker) {
        try {
            return docker.inspectContainerCmd(containerName()).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /**
     * When another process created the container, its name is taken a moment before the container
     * can be inspected.
     */
    private InspectContainerResponse awaitInspectable(DockerClient docker) throws InterruptedException, BuildKitException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        InspectContainerResponse c;
        while ((c = inspect(docker)) == null) {
            if (System.nanoTime() > deadline) {
                throw new BuildKitException("builder \"" + builderName + "\" (driver docker-container): container "
                        + containerName() + " vanished right after it was created");
            }
            Thread.sleep(100);
        }
        return c;
    }

    /** Creates the container; false when another process created it first. */
    private boolean create(DockerClient docker, DaemonConfigFiles config) {
        List<Bind> binds = new ArrayList<>();
        binds.add(new Bind(volumeName(), new Volume("/var/lib/buildkit")));
        HostConfig host = HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.parse(options.restartPolicy));
        if (options.privileged) {
            host.withPrivileged(true);
        } else {
            // Every capability an unprivileged engine can grant (SYS_RESOURCE is often outside its
            // bounding set), and the cgroup tree writable, which runc needs for each RUN step.
            host.withCapAdd(Capability.ALL).withCapDrop(Capability.SYS_RESOURCE)
                    .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"));
            binds.add(Bind.parse("/sys/fs/cgroup:/sys/fs/cgroup:rw"));
        }
        host.withBinds(binds);
        if (options.network != null) {
            host.withNetworkMode(options.network);
        }
        if (options.memory != null) {
            host.withMemory(options.memory);
        }
        if (options.memorySwap != null) {
            host.withMemorySwap(options.memorySwap);
        }
        if (options.cpuQuota != null) {
            host.withCpuQuota(options.cpuQuota);
        }
        if (options.cpuPeriod != null) {
            host.withCpuPeriod(options.cpuPeriod);
        }
        if (options.cpuShares != null) {
            host.withCpuShares(options.cpuShares);
        }
        if (options.cpusetCpus != null) {
            host.withCpusetCpus(options.cpusetCpus);
        }
        if (options.cpusetMems != null) {
            host.withCpusetMems(options.cpusetMems);
        }
        if (options.cgroupParent != null) {
            host.withCgroupParent(options.cgroupParent);
        }
        List<String> env = new ArrayList<>();
        options.env.forEach((k, v) -> env.add(k + "=" + v));
        try {
            docker.createContainerCmd(options.image)
                    .withName(containerName())
                    .withHostConfig(host)
                    .withEnv(env)
                    .withCmd(options.buildkitdFlags)
                    .withLabels(Map.of("io.jenkins.plugins.buildkit.builder", builderName))
                    .exec();
        } catch (ConflictException alreadyCreated) {
            // Another process created it first: use theirs.
            return false;
        }
        // Always copied, with the marker last, so that another process knows the configuration is in.
        docker.copyArchiveToContainerCmd(containerName()).withRemotePath("/")
                .withTarInputStream(new java.io.ByteArrayInputStream(DaemonConfigTar.of(config))).exec();
        return true;
    }

    private static boolean recentlyCreated(InspectContainerResponse container) {
        try {
            return java.time.Instant.parse(container.getCreated()).isAfter(java.time.Instant.now().minusSeconds(60));
        } catch (RuntimeException unparsable) {
            return false;
        }
    }

    /** Waits (up to 30 s) for the creating process's configuration copy; a crashed creator does not block us. */
    private void awaitConfigured(DockerClient docker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (java.io.InputStream marker = docker.copyArchiveFromContainerCmd(containerName(), "/" + DaemonConfigTar.CONFIGURED_MARKER).exec()) {
                return;
            } catch (NotFoundException notYet) {
                Thread.sleep(200);
            } catch (IOException | RuntimeException other) {
                return;
            }
        }
    }

    private void waitUntilReady(DockerClient docker) throws InterruptedException, BuildKitException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastError = "";
        while (System.nanoTime() < deadline) {
            InspectContainerResponse c = inspect(docker);
            if (c == null || !Boolean.TRUE.equals(c.getState().getRunning())) {
                throw new BuildKitException("builder \"" + builderName + "\" (driver docker-container): container "
                        + containerName() + " stopped while starting; its log ends with:\n" + logTail(docker));
            }
            ExecResult r = exec(docker, List.of("buildctl", "debug", "workers"));
            if (r.exitCode == 0) {
                return;
            }
            lastError = r.output.trim();
            Thread.sleep(250);
        }
        throw new BuildKitException("builder \"" + builderName + "\" (driver docker-container): BuildKit in container "
                + containerName() + " did not answer within " + timeout.toSeconds() + "s (" + lastError
                + "); its log ends with:\n" + logTail(docker));
    }

    /** Collects the text of an exec's or a log's frames, stdout and stderr alike. */
    private static final class FrameText extends ResultCallback.Adapter<Frame> {
        final StringBuilder text = new StringBuilder();

        @Override
        public void onNext(Frame frame) {
            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        }
    }

    private static final class ExecResult {
        long exitCode;
        String output;
    }

    private ExecResult exec(DockerClient docker, List<String> cmd) throws InterruptedException {
        String id = docker.execCreateCmd(containerName()).withCmd(cmd.toArray(new String[0]))
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        FrameText out = docker.execStartCmd(id).exec(new FrameText());
        out.awaitCompletion();
        ExecResult r = new ExecResult();
        Long code = docker.inspectExecCmd(id).exec().getExitCodeLong();
        r.exitCode = code == null ? -1 : code;
        r.output = out.text.toString();
        return r;
    }

    private String logTail(DockerClient docker) throws InterruptedException {
        FrameText out = new FrameText();
        try {
            docker.logContainerCmd(containerName()).withStdOut(true).withStdErr(true).withTail(20).exec(out).awaitCompletion();
        } catch (RuntimeException e) {
            out.text.append("(no log: ").append(DockerEngine.describe(e)).append(')');
        }
        return out.text.toString().trim();
    }

    @Override
    public DriverStatus status() throws BuildKitException {
        try (DockerEngine engine = new DockerEngine(endpoint, Duration.ofSeconds(20))) {
            InspectContainerResponse c = inspect(engine.api());
            if (c == null) {
                return DriverStatus.INACTIVE;
            }
            if (Boolean.TRUE.equals(c.getState().getRunning())) {
                return DriverStatus.RUNNING;
            }
            return Boolean.TRUE.equals(c.getState().getRestarting()) ? DriverStatus.STARTING : DriverStatus.STOPPED;
        } catch (IOException e) {
            throw new BuildKitException(e.getMessage(), e);
        }
    }

    /** Bootstraps unless this driver just did, then connects through {@code docker exec buildctl dial-stdio}. */
    @Override
    public BuildKitClient connect() throws BuildKitException, InterruptedException {
        if (!bootstrapped) {
            bootstrap(new PrintStream(PrintStream.nullOutputStream()), Map.of());
        }
        return BuildKitClient.connect(() -> {
            // The exec's stream is a raw socket of its own; the API client is only needed to create it.
            try (DockerEngine engine = new DockerEngine(endpoint, Duration.ofSeconds(20))) {
                String execId = engine.api().execCreateCmd(containerName()).withCmd("buildctl", "dial-stdio")
                        .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true).exec().getId();
                return new ExecStream(engine.hijack("/exec/" + execId + "/start", "tcp", "{\"Detach\":false,\"Tty\":false}", Map.of()));
            }
        }, "BuildKit in container " + containerName(), Duration.ofSeconds(20), null);
    }

    @Override
    public void stop() throws BuildKitException {
        bootstrapped = false;
        try (DockerEngine engine = new DockerEngine(endpoint, Duration.ofSeconds(20))) {
            engine.api().stopContainerCmd(containerName()).exec();
        } catch (NotFoundException | com.github.dockerjava.api.exception.NotModifiedException e) {
            // nothing to stop, or stopped already
        } catch (IOException | RuntimeException e) {
            throw new BuildKitException("cannot stop builder \"" + builderName + "\": " + DockerEngine.describe(endpoint, e), e);
        }
    }

    @Override
    public void remove(boolean keepState, boolean keepDaemon) throws BuildKitException {
        bootstrapped = false;
        try (DockerEngine engine = new DockerEngine(endpoint, Duration.ofSeconds(20))) {
            if (!keepDaemon) {
                try {
                    engine.api().removeContainerCmd(containerName()).withForce(true).exec();
                } catch (NotFoundException e) {
                    // already gone
                }
            }
            if (!keepState && !keepDaemon) {
                try {
                    engine.api().removeVolumeCmd(volumeName()).exec();
                } catch (NotFoundException e) {
                    // already gone
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new BuildKitException("cannot remove builder \"" + builderName + "\": " + DockerEngine.describe(endpoint, e), e);
        }
    }

    /** {@code --load} goes into the engine that runs the builder. */
    @Override
    public ExportTarget dockerLoadTarget() {
        return EngineLoad.target(endpoint);
    }

    /** {@code default-load}: unless a load or {@code cacheonly} is asked for, the image is loaded into the engine. */
    @Override
    public List<OutputSpec> outputs(BuildSpec spec) {
        return options.defaultLoad ? Driver.withDefaultLoad(spec) : spec.resolvedOutputs();
    }

    @Override
    public Set<DriverFeature> features() {
        return EnumSet.allOf(DriverFeature.class);
    }
}
