package io.jenkins.plugins.buildkit.driver;

import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.SolveRequests;
import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.client.SolveResult;
import java.io.IOException;
import java.io.PrintStream;

/** One build on one builder: check the request, connect, solve, and hand back the result. */
public final class DriverBuild {
    private DriverBuild() {
    }

    /**
     * Validates the request and the driver's support for it before anything starts, then runs it.
     * Interrupting the calling thread cancels the solve on the daemon.
     */
    public static SolveResult run(Driver driver, BuildSpec spec, ProgressListener progress)
            throws IOException, InterruptedException, BuildKitException {
        return run(driver, spec, progress, null);
    }

    /**
     * As {@link #run(Driver, BuildSpec, ProgressListener)}, telling {@code log} first which builder
     * builds (as Buildx's plain output does) and what readying a daemon the driver runs took: a
     * container created, an image pulled.
     */
    public static SolveResult run(Driver driver, BuildSpec spec, ProgressListener progress, PrintStream log)
            throws IOException, InterruptedException, BuildKitException {
        spec.validate();
        FeatureCheck.check(driver, spec);
        if (log != null) {
            log.println("#0 building with \"" + driver.builderName() + "\" instance using " + driver.driverName() + " driver");
            // Only a daemon we run has readying worth telling (a container made, an image pulled); for one
            // someone else runs, bootstrapping would only open a second connection before the build's own.
            if (driver.features().contains(DriverFeature.OWN_DAEMON)) {
                driver.bootstrap(log, spec.registryCredentials());
            }
            log.println();
        }
        try (BuildKitClient client = driver.connectFor(spec)) {
            boolean recent = client.supportsMultipleExporters();
            // Buildx's default provenance, where the driver can carry attestations and the daemon makes them.
            SolveRequests.Prepared prepared = SolveRequests.prepare(spec, new SolveRequests.BuilderTerms(driver.outputs(spec),
                    recent, driver::dockerLoadTarget, recent && driver.features().contains(DriverFeature.ATTESTATIONS)));
            SolveResult result = client.solve(prepared.request(), prepared.session(), progress);
            prepared.finish(result);
            return driver.afterSolve(spec, result, progress);
        }
    }
}
