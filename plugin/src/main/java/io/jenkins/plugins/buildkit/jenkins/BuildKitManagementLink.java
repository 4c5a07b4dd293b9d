package io.jenkins.plugins.buildkit.jenkins;

import hudson.Extension;
import hudson.Functions;
import hudson.model.Computer;
import hudson.model.Job;
import hudson.model.ManagementLink;
import hudson.model.Run;
import hudson.security.Permission;
import io.jenkins.plugins.buildkit.build.ByteSize;
import io.jenkins.plugins.buildkit.build.GoDuration;
import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverFeature;
import io.jenkins.plugins.buildkit.driver.DriverStatus;
import io.jenkins.plugins.buildkit.wire.control.PruneRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * Manage Jenkins › BuildKit builders, for administrators: each builder's state, version, workers,
 * disk usage and last builds, and prune, stop and remove. The page itself asks no daemon: each
 * builder's status is fetched on its own ({@code status}), bounded by {@link #STATUS_TIMEOUT}, so
 * that a builder that is down slows nothing else. Every action is a POST with a crumb.
 */
@Extension
public final class BuildKitManagementLink extends ManagementLink implements StaplerProxy {
    static final String URL_NAME = "buildkit-builders";
    /** How long one builder's status may take before the page says it did not answer. */
    static final Duration STATUS_TIMEOUT = Duration.ofSeconds(Long.getLong(BuildKitManagementLink.class.getName() + ".statusTimeoutSeconds", 15));
    /** Prune, stop and remove wait this long for the daemon; a prune of a large cache takes a while. */
    static final Duration ACTION_TIMEOUT = Duration.ofMinutes(Long.getLong(BuildKitManagementLink.class.getName() + ".actionTimeoutMinutes", 10));
    static final int RECENT_BUILDS = 10;
    /** Builds looked at per job for "last builds": enough for a busy job, bounded for a large instance. */
    static final int BUILDS_PER_JOB = 20;

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return Messages.BuildKitManagementLink_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.BuildKitManagementLink_Description();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public Permission getRequiredPermission() {
        return Jenkins.ADMINISTER;
    }

    @Override
    public Category getCategory() {
        return Category.STATUS;
    }

    /** Every URL below this page, views and actions alike, is for administrators only. */
    @Override
    public Object getTarget() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return this;
    }

    public List<BuilderConfig> getBuilders() {
        return BuildKitGlobalConfiguration.get().getBuilders();
    }

    /** One builder's status as an HTML fragment, which the page's script puts in place. */
    public HttpResponse doStatus(@QueryParameter String builder) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        BuilderConfig config = find(builder);
        BuilderStatus status;
        try {
            status = bounded(STATUS_TIMEOUT, () -> {
                try (Driver d = driver(config)) {
                    return BuilderStatus.inspect(d);
                }
            });
        } catch (BuildKitException e) {
            status = BuilderStatus.unreachable(config.getName(), driverName(config), e.getMessage());
        }
        return HttpResponses.forwardToView(status.withRecentBuilds(recentBuilds(config.getName())), "index.jelly");
    }

    /** Removes build cache as {@code buildx prune} does, with its {@code --keep-storage} and {@code --filter until=}. */
    @RequirePOST
    public HttpResponse doPrune(@QueryParameter String builder, @QueryParameter String keepStorage, @QueryParameter String filterUntil,
            @QueryParameter boolean all) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        BuilderConfig config = find(builder);
        PruneRequest.Builder request = PruneRequest.newBuilder().setAll(all);
        String storage = DriverConfig.blankToNull(keepStorage);
        if (storage != null) {
            Long bytes = ByteSize.parse(storage);
            if (bytes == null) {
                return badInput("keepStorage: \"" + storage + "\" is not a size such as 512mb or 10gb");
            }
            request.setReservedSpace(bytes);
        }
        String until = DriverConfig.blankToNull(filterUntil);
        if (until != null) {
            Duration keep = GoDuration.parse(until);
            if (keep == null) {
                return badInput("filterUntil: \"" + until + "\" is not a duration such as 24h or 30m");
            }
            // As in buildx, until=DURATION keeps what was used more recently than that.
            request.setKeepDuration(keep.toNanos());
        }
        AtomicLong freed = new AtomicLong();
        AtomicInteger records = new AtomicInteger();
        return act(config, "prune", () -> {
            try (Driver d = driver(config); BuildKitClient client = d.connect()) {
                client.prune(request.build(), r -> {
                    freed.addAndGet(r.getSize());
                    records.incrementAndGet();
                });
            }
            return "Pruned builder " + config.getName() + ": freed " + Functions.humanReadableByteSize(freed.get()) + " ("
                    + freed.get() + " bytes) in " + records.get() + " cache records.";
        });
    }

    /** Stops the daemon of a docker-container or kubernetes builder, keeping it and its cache, as {@code buildx stop}. */
    @RequirePOST
    public HttpResponse doStop(@QueryParameter String builder) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        BuilderConfig config = find(builder);
        Driver d = ownDaemon(config, "stop");
        return act(config, "stop", () -> {
            try (d) {
                d.stop();
            }
            return "Stopped builder " + config.getName() + "; its next build starts it again.";
        });
    }

    /** Removes the daemon of a docker-container or kubernetes builder, and its cache unless kept, as {@code buildx rm}. */
    @RequirePOST
    public HttpResponse doRemove(@QueryParameter String builder, @QueryParameter boolean keepState) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        BuilderConfig config = find(builder);
        Driver d = ownDaemon(config, "remove");
        return act(config, "remove", () -> {
            String cache;
            try (d) {
                cache = keepState ? ", keeping its cache" : " and its cache" + cacheSize(d);
                d.remove(keepState, false);
            }
            return "Removed builder " + config.getName() + cache + "; its next build creates it again.";
        });
    }

    /**
     * What removing the cache frees, measured while the daemon still runs; a stopped daemon is not
     * started only to be measured.
     */
    private static String cacheSize(Driver d) throws Exception {
        if (d.status() != DriverStatus.RUNNING) {
            return " (its size was not measured: the daemon was not running)";
        }
        try (BuildKitClient client = d.connect()) {
            List<io.jenkins.plugins.buildkit.wire.control.UsageRecord> records = client.diskUsage(List.of());
            long bytes = records.stream().mapToLong(io.jenkins.plugins.buildkit.wire.control.UsageRecord::getSize).sum();
            return ": freed " + Functions.humanReadableByteSize(bytes) + " (" + bytes + " bytes) in " + records.size() + " cache records";
        }
    }

    private static HttpResponse badInput(String message) {
        return HttpResponses.errorWithoutStack(400, message);
    }

    private static BuilderConfig find(String name) {
        for (BuilderConfig b : BuildKitGlobalConfiguration.get().getBuilders()) {
            if (b.getName().equals(name)) {
                return b;
            }
        }
        throw HttpResponses.errorWithoutStack(404, "builder: no builder named \"" + name + "\"");
    }

    private static Driver driver(BuilderConfig config) throws Exception {
        return config.toSpec(CredentialLookup.system()).create(System.getenv());
    }

    /** The builder's driver, when its daemon is Jenkins's to {@code action}; otherwise the request is refused. */
    private static Driver ownDaemon(BuilderConfig config, String action) {
        Driver d;
        try {
            d = driver(config);
        } catch (Exception e) {
            throw HttpResponses.errorWithoutStack(400, "builder: " + config.getName() + ": " + e.getMessage());
        }
        if (!d.features().contains(DriverFeature.OWN_DAEMON)) {
            d.close();
            throw HttpResponses.errorWithoutStack(400, "builder: " + config.getName() + " uses the " + d.driverName()
                    + " driver, whose daemon someone else runs; only docker-container and kubernetes builders can " + action);
        }
        return d;
    }

    /** The driver's name without contacting anything, for a builder whose status could not be had. */
    private static String driverName(BuilderConfig config) {
        try (Driver d = config.getDriver().toSpec(config.getName(), null, null, List.of(), null).create(Map.of())) {
            return d.driverName();
        } catch (Exception e) {
            return config.getDriver().getDescriptor().getDisplayName();
        }
    }

    private static HttpResponse act(BuilderConfig config, String action, Callable<String> work) {
        try {
            return HttpResponses.forwardToView(new BuilderActionResult(config.getName(), action, bounded(ACTION_TIMEOUT, work), true), "index.jelly");
        } catch (BuildKitException e) {
            return HttpResponses.forwardToView(new BuilderActionResult(config.getName(), action, e.getMessage(), false), "index.jelly");
        }
    }

    /**
     * Runs {@code work} on a pooled thread and waits at most {@code limit}: a daemon that does not
     * answer must not hold the request, nor the page, for longer.
     *
     * @throws BuildKitException saying why, in words for the page
     */
    static <T> T bounded(Duration limit, Callable<T> work) throws BuildKitException {
        Future<T> future = Computer.threadPoolForRemoting.submit(work);
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new BuildKitException("no answer within " + limit.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new BuildKitException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new BuildKitException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        }
    }

    /** The last builds on any job that used the builder, newest first. */
    static List<BuildKitBuildAction> recentBuilds(String builderName) {
        List<BuildKitBuildAction> found = new ArrayList<>();
        for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
            int seen = 0;
            for (Run<?, ?> run : job.getBuilds()) {
                if (++seen > BUILDS_PER_JOB) {
                    break;
                }
                for (BuildKitBuildAction a : run.getActions(BuildKitBuildAction.class)) {
                    if (builderName.equals(a.getBuilderName())) {
                        found.add(a);
                    }
                }
            }
        }
        found.sort(Comparator.comparingLong((BuildKitBuildAction a) -> a.getRun().getStartTimeInMillis()).reversed());
        return found.size() > RECENT_BUILDS ? new ArrayList<>(found.subList(0, RECENT_BUILDS)) : found;
    }
}
