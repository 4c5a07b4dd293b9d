package io.jenkins.plugins.buildkit.jenkins;

import hudson.Functions;
import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverFeature;
import io.jenkins.plugins.buildkit.driver.DriverStatus;
import io.jenkins.plugins.buildkit.wire.control.UsageRecord;
import io.jenkins.plugins.buildkit.wire.types.WorkerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the management page shows of one builder's daemon, asked from the controller: its state and,
 * when it runs, its BuildKit version, workers, platforms and disk usage by record type. Asking never
 * creates or starts a daemon: a stopped or never created one is only reported.
 */
public final class BuilderStatus {

    /** One worker of the daemon and the platforms it builds for. */
    public record Worker(String id, List<String> platforms) {
        public String getId() {
            return id;
        }

        public String getPlatforms() {
            return String.join(", ", platforms);
        }
    }

    /** The cache records of one type ({@code regular}, {@code source.local}, {@code exec.cachemount}...). */
    public record Usage(String recordType, int records, long bytes, long reclaimableBytes) {
        public String getRecordType() {
            return recordType;
        }

        public int getRecords() {
            return records;
        }

        public String getDiskSize() {
            return Functions.humanReadableByteSize(bytes);
        }

        public String getReclaimable() {
            return Functions.humanReadableByteSize(reclaimableBytes);
        }
    }

    private final String builderName;
    private final String driverName;
    private final boolean ownDaemon;
    private final String state;
    private final String problem;
    private final String version;
    private final List<Worker> workers;
    private final List<Usage> usage;
    private List<BuildKitBuildAction> recentBuilds = List.of();

    private BuilderStatus(String builderName, String driverName, boolean ownDaemon, String state, String problem, String version,
            List<Worker> workers, List<Usage> usage) {
        this.builderName = builderName;
        this.driverName = driverName;
        this.ownDaemon = ownDaemon;
        this.state = state;
        this.problem = problem;
        this.version = version;
        this.workers = workers;
        this.usage = usage;
    }

    /** A builder that could not be asked; {@code problem} says why. */
    static BuilderStatus unreachable(String builderName, String driverName, String problem) {
        return new BuilderStatus(builderName, driverName, false, "unreachable", problem, null, List.of(), List.of());
    }

    /** Asks the driver's daemon; a daemon this driver runs is connected to only when it is already running. */
    static BuilderStatus inspect(Driver driver) throws BuildKitException, InterruptedException {
        boolean own = driver.features().contains(DriverFeature.OWN_DAEMON);
        // A daemon someone else runs is simply connected to: the connection's error says why it is down,
        // where its driver's status would only say "inactive".
        DriverStatus status = own ? driver.status() : DriverStatus.RUNNING;
        if (status != DriverStatus.RUNNING) {
            String state = status == DriverStatus.INACTIVE ? "not created" : status.toString();
            return new BuilderStatus(driver.builderName(), driver.driverName(), own, state, null, null, List.of(), List.of());
        }
        try (BuildKitClient client = driver.connect()) {
            String version = client.info().getBuildkitVersion().getVersion();
            List<Worker> workers = new ArrayList<>();
            for (WorkerRecord w : client.listWorkers()) {
                List<String> platforms = new ArrayList<>();
                w.getPlatformsList().forEach(p -> platforms.add(p.getOS() + "/" + p.getArchitecture()
                        + (p.getVariant().isEmpty() ? "" : "/" + p.getVariant())));
                workers.add(new Worker(w.getID(), platforms));
            }
            return new BuilderStatus(driver.builderName(), driver.driverName(), own, status.toString(), null,
                    version.isEmpty() ? "(too old to report its version)" : version, workers, usageByType(client.diskUsage(List.of())));
        }
    }

    static List<Usage> usageByType(List<UsageRecord> records) {
        Map<String, long[]> byType = new TreeMap<>();
        for (UsageRecord r : records) {
            String type = r.getRecordType().isEmpty() ? "(untyped)" : r.getRecordType();
            long[] sums = byType.computeIfAbsent(type, t -> new long[3]);
            sums[0]++;
            sums[1] += r.getSize();
            if (!r.getInUse()) {
                sums[2] += r.getSize();
            }
        }
        List<Usage> usage = new ArrayList<>();
        byType.forEach((type, sums) -> usage.add(new Usage(type, (int) sums[0], sums[1], sums[2])));
        return usage;
    }

    public String getBuilderName() {
        return builderName;
    }

    public String getDriverName() {
        return driverName;
    }

    /** Whether stop and remove apply: only to a daemon the driver runs itself (docker-container, kubernetes). */
    public boolean isOwnDaemon() {
        return ownDaemon;
    }

    /** running, stopped, starting, not created, or unreachable (then {@link #getProblem} says why). */
    public String getState() {
        return state;
    }

    public boolean isRunning() {
        return DriverStatus.RUNNING.toString().equals(state);
    }

    public String getProblem() {
        return problem;
    }

    public String getVersion() {
        return version;
    }

    public List<Worker> getWorkers() {
        return workers;
    }

    public String getPlatforms() {
        List<String> all = new ArrayList<>();
        workers.forEach(w -> w.platforms().stream().filter(p -> !all.contains(p)).forEach(all::add));
        return String.join(", ", all);
    }

    public List<Usage> getUsage() {
        return usage;
    }

    /** The last builds that used this builder, newest first. */
    public List<BuildKitBuildAction> getRecentBuilds() {
        return recentBuilds;
    }

    BuilderStatus withRecentBuilds(List<BuildKitBuildAction> builds) {
        this.recentBuilds = List.copyOf(builds);
        return this;
    }

    public String getTotalSize() {
        return Functions.humanReadableByteSize(usage.stream().mapToLong(Usage::bytes).sum());
    }
}
