package io.jenkins.plugins.buildkit.driver.container;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The docker-container driver's options, named as Buildx's {@code --driver-opt}: {@code image},
 * {@code network}, {@code memory}, {@code memory-swap}, {@code cpu-quota}, {@code cpu-period},
 * {@code cpu-shares}, {@code cpuset-cpus}, {@code cpuset-mems}, {@code cgroup-parent},
 * {@code restart-policy}, {@code env.KEY}, {@code default-load}; plus {@code buildkitd-flags}
 * (Buildx's {@code --buildkitd-flags}) and {@code privileged}: {@code false} runs the daemon with
 * every capability the engine grants instead of {@code --privileged}, for engines that refuse it.
 */
public final class ContainerDriverOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_IMAGE = "moby/buildkit:buildx-stable-1";
    static final Set<String> KNOWN = Set.of("image", "network", "memory", "memory-swap", "cpu-quota", "cpu-period",
            "cpu-shares", "cpuset-cpus", "cpuset-mems", "cgroup-parent", "restart-policy", "default-load",
            "buildkitd-flags", "privileged");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([bkmg]?)b?", Pattern.CASE_INSENSITIVE);

    final String image;
    final String network;
    final Long memory;
    final Long memorySwap;
    final Long cpuQuota;
    final Long cpuPeriod;
    final Integer cpuShares;
    final String cpusetCpus;
    final String cpusetMems;
    final String cgroupParent;
    final String restartPolicy;
    final Map<String, String> env;
    final boolean defaultLoad;
    final List<String> buildkitdFlags;
    final boolean privileged;

    private ContainerDriverOptions(Map<String, String> o, Map<String, String> env) {
        this.image = o.getOrDefault("image", DEFAULT_IMAGE);
        this.network = o.get("network");
        this.memory = size(o, "memory");
        this.memorySwap = size(o, "memory-swap");
        this.cpuQuota = number(o, "cpu-quota");
        this.cpuPeriod = number(o, "cpu-period");
        Long shares = number(o, "cpu-shares");
        this.cpuShares = shares == null ? null : shares.intValue();
        this.cpusetCpus = o.get("cpuset-cpus");
        this.cpusetMems = o.get("cpuset-mems");
        this.cgroupParent = o.get("cgroup-parent");
        this.restartPolicy = o.getOrDefault("restart-policy", "unless-stopped");
        this.env = env;
        this.defaultLoad = bool(o, "default-load", false);
        String flags = o.getOrDefault("buildkitd-flags", "").trim();
        this.buildkitdFlags = flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
        this.privileged = bool(o, "privileged", true);
        if (!restartPolicy.matches("no|always|unless-stopped|on-failure(:\\d+)?")) {
            throw new IllegalArgumentException("driver option restart-policy: \"" + restartPolicy
                    + "\" is not one of no, always, unless-stopped, on-failure[:N]");
        }
    }

    /** @throws IllegalArgumentException naming an unknown option or a bad value */
    public static ContainerDriverOptions parse(Map<String, String> options) {
        Map<String, String> known = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        options.forEach((k, v) -> {
            if (k.startsWith("env.") && k.length() > 4) {
                env.put(k.substring(4), v);
            } else if (KNOWN.contains(k)) {
                known.put(k, v);
            } else {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            String[] sorted = KNOWN.toArray(new String[0]);
            Arrays.sort(sorted);
            throw new IllegalArgumentException("unknown driver option \"" + unknown.get(0) + "\" for the docker-container driver (known: "
                    + String.join(", ", sorted) + ", env.KEY)");
        }
        return new ContainerDriverOptions(known, env);
    }

    private static Long size(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            return null;
        }
        if (v.equals("-1")) {
            return -1L;
        }
        Matcher m = SIZE.matcher(v.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("driver option " + key + ": \"" + v + "\" is not a size such as 512m or 2g");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k": return n << 10;
            case "m": return n << 20;
            case "g": return n << 30;
            default: return n;
        }
    }

    private static Long number(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("driver option " + key + ": \"" + v + "\" is not a number", e);
        }
    }

    private static boolean bool(Map<String, String> o, String key, boolean dflt) {
        String v = o.get(key);
        if (v == null) {
            return dflt;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("driver option " + key + ": \"" + v + "\" is not true or false");
    }
}
