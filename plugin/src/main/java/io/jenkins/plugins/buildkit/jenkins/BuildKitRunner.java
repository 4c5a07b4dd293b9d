package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.driver.DriverSpec;
import io.jenkins.plugins.buildkit.build.ResolvedCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import java.io.IOException;
import io.jenkins.plugins.buildkit.build.BuildOptions;
import io.jenkins.plugins.buildkit.progress.ProgressMode;

/**
 * The controller's half of a build, shared by the Pipeline step and the freestyle step: pick the
 * builder, resolve credentials for this run, hand the build to the workspace's agent, record the
 * result on the build page. Every refusal names the parameter and comes before any work.
 */
final class BuildKitRunner {
    private BuildKitRunner() {
    }

    static BuildOutcome run(Run<?, ?> run, FilePath workspace, EnvVars env, TaskListener listener, String builderName,
            BuildKitStep parameters, BuildOptions options) throws IOException, InterruptedException {
        DriverSpec driver;
        ResolvedCredentials credentials;
        ProgressMode progress;
        try {
            progress = parameters.progressMode();
            BuilderConfig builder = BuildKitGlobalConfiguration.get().builder(builderName);
            builder.checkAllowed(run.getParent().getFullName());
            credentials = CredentialResolver.resolve(parameters.getSecrets(), parameters.getSsh(),
                    parameters.getRegistryCredentials(), CredentialLookup.forRun(run));
            driver = builder.toSpec(CredentialLookup.system());
        } catch (InvalidRequestException e) {
            throw new AbortException("buildkitBuild: " + e.getMessage());
        }
        BuildOutcome outcome;
        try {
            outcome = workspace.act(new AgentBuild(driver, options, progress, credentials, env, listener));
        } catch (FailedBuildException e) {
            run.addAction(e.toAction());
            throw e;
        }
        run.addAction(BuildKitBuildAction.record(run, outcome));
        return outcome;
    }
}
