package io.jenkins.plugins.buildkit.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.SolveResult;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import io.jenkins.plugins.buildkit.progress.ProgressMode;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jenkins.MasterToSlaveFileCallable;

/**
 * The build itself, run on the agent that holds the workspace: the context streams from local disk,
 * progress goes to the build log as it arrives, every credential value masked. An interrupted
 * thread (the build aborted) cancels the solve on the daemon.
 */
public final class AgentBuild extends MasterToSlaveFileCallable<BuildOutcome> {
    private static final long serialVersionUID = 1L;

    private final DriverSpec driver;
    private final BuildRequest request;
    private final ResolvedCredentials credentials;
    private final Map<String, String> env;
    private final TaskListener listener;

    public AgentBuild(DriverSpec driver, BuildRequest request, ResolvedCredentials credentials, Map<String, String> env,
            TaskListener listener) {
        this.driver = driver;
        this.request = request;
        this.credentials = credentials;
        this.env = new TreeMap<>(env);
        this.listener = listener;
    }

    @Override
    public BuildOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        List<String> masked = new ArrayList<>(credentials.valuesToMask());
        masked.addAll(driver.valuesToMask());
        SecretMasker masker = new SecretMasker(masked);
        try {
            BuildSpec spec = request.toSpec(workspace, credentials, driver.platforms());
            Driver d;
            try {
                d = driver.create(env);
            } catch (BuildKitException e) {
                throw e;
            } catch (IOException e) {
                throw new BuildKitException(e.getMessage(), e);
            }
            long start = System.nanoTime();
            ProgressMode mode = request.progressMode();
            SolveResult result = DriverBuild.run(d, spec, mode.renderer(listener.getLogger(), masker),
                    mode == ProgressMode.PLAIN ? listener.getLogger() : null);
            return BuildOutcome.of(d, spec.platforms(), result, (System.nanoTime() - start) / 1_000_000);
        } catch (BuildKitException e) {
            // The engine's own words are the clearest; the agent's stack trace adds nothing for the user.
            throw new AbortException(masker.mask("buildkitBuild on builder " + driver.builderName() + ": " + e.getMessage()));
        }
    }
}
