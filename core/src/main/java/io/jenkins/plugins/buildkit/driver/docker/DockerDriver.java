package io.jenkins.plugins.buildkit.driver.docker;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.OutputSpec;
import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import io.jenkins.plugins.buildkit.client.SolveResult;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverFeature;
import io.jenkins.plugins.buildkit.driver.DriverStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BuildKit inside a Docker Engine, as Buildx's {@code docker} driver: the engine's own BuildKit,
 * reached by upgrading {@code POST /grpc} and {@code POST /session} on its API socket. The image goes
 * straight into the engine's image store under the requested tags.
 */
public final class DockerDriver implements Driver {
    private final String builderName;
    private final DockerEndpoint endpoint;
    private final Duration timeout;

    public DockerDriver(String builderName, DockerEndpoint endpoint, Duration timeout) {
        this.builderName = builderName;
        this.endpoint = endpoint;
        this.timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
    }

    @Override
    public String builderName() {
        return builderName;
    }

    @Override
    public String driverName() {
        return "docker";
    }

    public DockerEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void bootstrap(PrintStream log, Map<String, RegistryCredential> registryCredentials) throws BuildKitException {
        try (DockerEngine engine = new DockerEngine(endpoint, timeout)) {
            DockerEngine.EngineVersion v = engine.requireBuildKit();
            log.println("builder " + builderName + ": Docker Engine " + v.version() + " (API " + v.apiVersion() + ") at " + endpoint);
        } catch (BuildKitException e) {
            throw e;
        } catch (IOException e) {
            throw new BuildKitException(e.getMessage(), e);
        }
    }

    @Override
    public DriverStatus status() {
        try (DockerEngine engine = new DockerEngine(endpoint, timeout)) {
            engine.api().pingCmd().exec();
            return DriverStatus.RUNNING;
        } catch (IOException | RuntimeException e) {
            return DriverStatus.INACTIVE;
        }
    }

    @Override
    public BuildKitClient connect() throws BuildKitException {
        DockerEngine engine = new DockerEngine(endpoint, timeout);
        try {
            engine.requireBuildKit();
            return BuildKitClient.connect(() -> engine.upgrade("/grpc", Map.of()), "Docker Engine at " + endpoint, timeout,
                    headers -> engine.upgrade("/session", headers));
        } finally {
            // The upgraded connections are raw sockets of their own; the API client is no longer needed.
            try {
                engine.close();
            } catch (IOException ignored) {
                // nothing to keep
            }
        }
    }

    @Override
    public void stop() {
        // The engine belongs to the machine, not to this builder.
    }

    @Override
    public void remove(boolean keepState, boolean keepDaemon) {
        // The engine belongs to the machine, not to this builder.
    }

    @Override
    public Set<DriverFeature> features() {
        return EnumSet.of(DriverFeature.LOAD_INTO_DOCKER);
    }

    @Override
    public SolveResult afterSolve(BuildSpec spec, SolveResult result, ProgressListener progress)
            throws BuildKitException, InterruptedException {
        Map<String, String> response = new LinkedHashMap<>(result.exporterResponse());
        // The moby exporter does not echo the names it stored the image under; Buildx's metadata has them.
        outputs(spec).stream().filter(o -> o.type().equals("moby") && o.attrs().get("name") != null).findFirst()
                .ifPresent(moby -> response.putIfAbsent("image.name", moby.attrs().get("name")));
        if (!spec.isPush()) {
            return new SolveResult(response, result.totalSteps(), result.cachedSteps());
        }
        try (DockerEngine engine = new DockerEngine(endpoint, timeout)) {
            for (String tag : spec.tags()) {
                String digest = EnginePush.push(engine, tag, spec.registryCredentials());
                if (digest != null) {
                    response.put("containerimage.digest", digest);
                }
            }
        } catch (IOException e) {
            throw new BuildKitException(e.getMessage(), e);
        }
        return new SolveResult(response, result.totalSteps(), result.cachedSteps());
    }

    /**
     * The engine's exporter is {@code moby}: it stores the image under its names. Every build ends
     * there unless it asks only for local files, as with Buildx's docker driver.
     */
    @Override
    public List<OutputSpec> outputs(BuildSpec spec) {
        List<OutputSpec> out = new ArrayList<>();
        boolean hasImage = false;
        for (OutputSpec o : spec.resolvedOutputs()) {
            if (o.type().equals("image") || (o.type().equals("docker") && o.dest() == null)) {
                Map<String, String> attrs = new LinkedHashMap<>(o.attrs());
                attrs.remove("push");
                attrs.remove("load");
                out.add(OutputSpec.of("moby", attrs));
                hasImage = true;
            } else {
                out.add(o);
            }
        }
        if (!hasImage && out.isEmpty()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            if (!spec.tags().isEmpty()) {
                attrs.put("name", String.join(",", spec.tags()));
            }
            out.add(OutputSpec.of("moby", attrs));
        }
        return out;
    }
}
