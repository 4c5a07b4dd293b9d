package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.build.BuildSpec.Problem;
import io.jenkins.plugins.buildkit.driver.DriverSpec;
import hudson.Extension;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.buildkit.driver.BuilderInfo;
import io.jenkins.plugins.buildkit.driver.DriverStatus;
import io.jenkins.plugins.buildkit.driver.container.ContainerDriver;
import io.jenkins.plugins.buildkit.driver.container.ContainerDriverOptions;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code docker-container}: a BuildKit container of the builder's own, created through the Docker
 * API on first use. The fields are Buildx's {@code --driver-opt} options; {@code env} holds one
 * {@code KEY=VALUE} per line. {@code privileged} off runs the daemon with every capability the
 * engine grants instead, for engines that refuse privileged containers.
 */
public final class DockerContainerDriverConfig extends DriverConfig {
    private String dockerEndpoint;
    private String image;
    private String network;
    private String memory;
    private String memorySwap;
    private String cpuQuota;
    private String cpuPeriod;
    private String cpuShares;
    private String cpusetCpus;
    private String cpusetMems;
    private String cgroupParent;
    private String restartPolicy;
    /** A Secret: a proxy URL here may hold a password. */
    private Secret env;
    private boolean defaultLoad;
    private boolean privileged = true;

    @DataBoundConstructor
    public DockerContainerDriverConfig() {
    }

    @DataBoundSetter public void setDockerEndpoint(String value) { dockerEndpoint = blankToNull(value); }
    public String getDockerEndpoint() { return dockerEndpoint; }
    @DataBoundSetter public void setImage(String value) { image = blankToNull(value); }
    public String getImage() { return image; }
    @DataBoundSetter public void setNetwork(String value) { network = blankToNull(value); }
    public String getNetwork() { return network; }
    @DataBoundSetter public void setMemory(String value) { memory = blankToNull(value); }
    public String getMemory() { return memory; }
    @DataBoundSetter public void setMemorySwap(String value) { memorySwap = blankToNull(value); }
    public String getMemorySwap() { return memorySwap; }
    @DataBoundSetter public void setCpuQuota(String value) { cpuQuota = blankToNull(value); }
    public String getCpuQuota() { return cpuQuota; }
    @DataBoundSetter public void setCpuPeriod(String value) { cpuPeriod = blankToNull(value); }
    public String getCpuPeriod() { return cpuPeriod; }
    @DataBoundSetter public void setCpuShares(String value) { cpuShares = blankToNull(value); }
    public String getCpuShares() { return cpuShares; }
    @DataBoundSetter public void setCpusetCpus(String value) { cpusetCpus = blankToNull(value); }
    public String getCpusetCpus() { return cpusetCpus; }
    @DataBoundSetter public void setCpusetMems(String value) { cpusetMems = blankToNull(value); }
    public String getCpusetMems() { return cpusetMems; }
    @DataBoundSetter public void setCgroupParent(String value) { cgroupParent = blankToNull(value); }
    public String getCgroupParent() { return cgroupParent; }
    @DataBoundSetter public void setRestartPolicy(String value) { restartPolicy = blankToNull(value); }
    public String getRestartPolicy() { return restartPolicy; }
    @DataBoundSetter public void setEnv(Secret value) {
        String lines = value == null ? "" : value.getPlainText().strip();
        env = lines.isEmpty() ? null : Secret.fromString(lines);
    }
    public Secret getEnv() { return env; }
    @DataBoundSetter public void setDefaultLoad(boolean value) { defaultLoad = value; }
    public boolean isDefaultLoad() { return defaultLoad; }
    @DataBoundSetter public void setPrivileged(boolean value) { privileged = value; }
    public boolean isPrivileged() { return privileged; }

    /** The options in Buildx's driver-opt names, with the builder's daemon flags. */
    Map<String, String> driverOptions(String buildkitdFlags) {
        Map<String, String> o = new LinkedHashMap<>();
        put(o, "image", image);
        put(o, "network", network);
        put(o, "memory", memory);
        put(o, "memory-swap", memorySwap);
        put(o, "cpu-quota", cpuQuota);
        put(o, "cpu-period", cpuPeriod);
        put(o, "cpu-shares", cpuShares);
        put(o, "cpuset-cpus", cpusetCpus);
        put(o, "cpuset-mems", cpusetMems);
        put(o, "cgroup-parent", cgroupParent);
        put(o, "restart-policy", restartPolicy);
        if (env != null) {
            for (String line : env.getPlainText().split("\\r?\\n")) {
                int eq = line.indexOf('=');
                if (!line.isBlank()) {
                    o.put("env." + (eq < 0 ? line.trim() : line.substring(0, eq).trim()), eq < 0 ? "" : line.substring(eq + 1));
                }
            }
        }
        o.put("default-load", Boolean.toString(defaultLoad));
        o.put("privileged", Boolean.toString(privileged));
        put(o, "buildkitd-flags", buildkitdFlags);
        return o;
    }

    private static void put(Map<String, String> o, String key, String value) {
        if (value != null && !value.isBlank()) {
            o.put(key, value.trim());
        }
    }

    @Override
    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>(DockerDriverConfig.dockerProblems("dockerEndpoint", dockerEndpoint,
                getCredentialsId(), getCaCertificate()));
        try {
            ContainerDriverOptions.parse(driverOptions(null));
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of(e.getMessage()));
        }
        return problems;
    }

    @Override
    DriverSpec toSpec(String builderName, String buildkitdConfig, String buildkitdFlags, List<String> platforms,
            CredentialLookup lookup) throws IOException {
        return new DriverSpec(DriverKind.DOCKER_CONTAINER, builderName, platforms, dockerEndpoint, tls(null, lookup),
                driverOptions(buildkitdFlags), buildkitdConfig);
    }

    /**
     * Reaches the Docker Engine; when the builder's container runs, also its BuildKit. A container
     * not made yet is not made here: its first build makes it.
     */
    @Override
    String probe(DriverSpec spec) throws IOException, InterruptedException, BuildKitException {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (Driver engine = spec.engine().create(System.getenv())) {
            engine.bootstrap(new PrintStream(said, true, StandardCharsets.UTF_8), java.util.Map.of());
        }
        String report = said.toString(StandardCharsets.UTF_8).trim().replace("builder " + spec.builderName() + ": ", "");
        try (Driver builder = spec.create(System.getenv())) {
            DriverStatus status = builder.status();
            if (status == DriverStatus.RUNNING) {
                return report + "; " + BuilderInfo.inspect(builder).describe();
            }
            return report + "; container " + ContainerDriver.containerName(spec.builderName()) + " is " + status
                    + ": the builder's first build creates and starts it";
        }
    }

    @Extension
    @Symbol("dockerContainer")
    public static final class DescriptorImpl extends DriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.DockerContainerDriverConfig_DisplayName();
        }

        public FormValidation doCheckDockerEndpoint(@QueryParameter String value) {
            return validate(problemsOfEndpoint("dockerEndpoint", value, false, "unix", "tcp"), "dockerEndpoint");
        }

        public FormValidation doCheckMemory(@QueryParameter String value) {
            return checkOption("memory", value);
        }

        public FormValidation doCheckMemorySwap(@QueryParameter String value) {
            return checkOption("memory-swap", value);
        }

        public FormValidation doCheckCpuQuota(@QueryParameter String value) {
            return checkOption("cpu-quota", value);
        }

        public FormValidation doCheckCpuPeriod(@QueryParameter String value) {
            return checkOption("cpu-period", value);
        }

        public FormValidation doCheckCpuShares(@QueryParameter String value) {
            return checkOption("cpu-shares", value);
        }

        public FormValidation doCheckRestartPolicy(@QueryParameter String value) {
            return checkOption("restart-policy", value);
        }

        /** One driver option alone, as Buildx's --driver-opt would take it. */
        private static FormValidation checkOption(String option, String value) {
            if (value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            try {
                ContainerDriverOptions.parse(Map.of(option, value.trim()));
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doTestConnection(@QueryParameter String dockerEndpoint, @QueryParameter String credentialsId,
                @QueryParameter String caCertificate, @QueryParameter String name) {
            DockerContainerDriverConfig c = new DockerContainerDriverConfig();
            c.setDockerEndpoint(dockerEndpoint);
            c.setCredentialsId(credentialsId);
            c.setCaCertificate(caCertificate);
            return testConnection(c, name);
        }
    }
}
