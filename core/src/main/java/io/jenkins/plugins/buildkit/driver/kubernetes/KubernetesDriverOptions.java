package io.jenkins.plugins.buildkit.driver.kubernetes;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The kubernetes driver's options, named and defaulted as Buildx's {@code --driver-opt}. Every value
 * is parsed here, so that a wrong one is refused, naming the option, before anything is created.
 */
public final class KubernetesDriverOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_IMAGE = "moby/buildkit:buildx-stable-1";
    static final String DEFAULT_QEMU_IMAGE = "tonistiigi/binfmt:latest";
    /** Set by the driver itself: a user may not give them. */
    static final String PLATFORM_ANNOTATION = "buildx.docker.com/platform";
    static final String APP_LABEL = "app";
    private static final Set<String> KNOWN = Set.of("image", "namespace", "replicas", "requests.cpu", "requests.memory",
            "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
            "persistent-volume-claim.requests.storage", "rootless", "buildkit-root-volume-memory", "schedulername",
            "serviceaccount", "nodeselector", "annotations", "labels", "tolerations", "loadbalance", "qemu.install",
            "qemu.image", "default-load", "timeout", "buildkitd-flags", "hostnetwork");
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern QUALIFIED_KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    public enum LoadBalance { STICKY, RANDOM }

    /** One toleration as Kubernetes takes it; null fields are left out. */
    public record Toleration(String key, String operator, String value, String effect, Long tolerationSeconds)
            implements Serializable {
    }

    final String image;
    final String namespace;
    final int replicas;
    /** Resource name to quantity. */
    final Map<String, String> requests;
    final Map<String, String> limits;
    final String volumeClaimStorage;
    final boolean rootless;
    final String rootVolumeMemory;
    final String schedulerName;
    final String serviceAccount;
    final Map<String, String> nodeSelector;
    final Map<String, String> annotations;
    final Map<String, String> labels;
    final List<Toleration> tolerations;
    final LoadBalance loadBalance;
    final boolean qemuInstall;
    final String qemuImage;
    final boolean defaultLoad;
    final Duration timeout;
    final Map<String, String> env;
    final List<String> buildkitdFlags;
    /**
     * Ours, not Buildx's: the pods share their node's network, so that buildkitd reaches registries
     * and proxies on the node's own loopback.
     */
    final boolean hostNetwork;

    private KubernetesDriverOptions(Map<String, String> o, Map<String, String> env) {
        this.rootless = bool(o, "rootless", false);
        this.image = o.getOrDefault("image", rootless ? DEFAULT_IMAGE + "-rootless" : DEFAULT_IMAGE).trim();
        if (image.isEmpty()) {
            throw bad("image", image, "is empty");
        }
        this.namespace = o.get("namespace") == null ? null : o.get("namespace").trim();
        if (namespace != null && !DNS_LABEL.matcher(namespace).matches()) {
            throw bad("namespace", namespace, "is not a Kubernetes namespace name (lower case letters, digits and '-')");
        }
        this.replicas = (int) number(o, "replicas", 1, 1, 100);
        this.requests = new LinkedHashMap<>();
        this.limits = new LinkedHashMap<>();
        for (String resource : List.of("cpu", "memory", "ephemeral-storage")) {
            quantity(o, "requests." + resource).ifPresent(q -> requests.put(resource, q));
            quantity(o, "limits." + resource).ifPresent(q -> limits.put(resource, q));
        }
        this.volumeClaimStorage = quantity(o, "persistent-volume-claim.requests.storage").orElse(null);
        this.rootVolumeMemory = quantity(o, "buildkit-root-volume-memory").orElse(null);
        this.schedulerName = name(o, "schedulername");
        this.serviceAccount = name(o, "serviceaccount");
        this.nodeSelector = pairs(o, "nodeselector", false);
        this.annotations = pairs(o, "annotations", true);
        this.labels = pairs(o, "labels", true);
        this.tolerations = tolerations(o.get("tolerations"));
        String lb = o.getOrDefault("loadbalance", "sticky").trim();
        this.loadBalance = switch (lb) {
            case "sticky" -> LoadBalance.STICKY;
            case "random" -> LoadBalance.RANDOM;
            default -> throw bad("loadbalance", lb, "is not sticky or random");
        };
        this.qemuInstall = bool(o, "qemu.install", false);
        this.qemuImage = o.getOrDefault("qemu.image", DEFAULT_QEMU_IMAGE).trim();
        if (qemuImage.isEmpty()) {
            throw bad("qemu.image", qemuImage, "is empty");
        }
        this.defaultLoad = bool(o, "default-load", false);
        this.timeout = Duration.ofSeconds(number(o, "timeout", 120, 1, 3600));
        for (String name : env.keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw bad("env." + name, name, "is not an environment variable name");
            }
        }
        this.env = Map.copyOf(env);
        String flags = o.getOrDefault("buildkitd-flags", "").trim();
        this.buildkitdFlags = flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
        this.hostNetwork = bool(o, "hostnetwork", false);
    }

    /** @throws IllegalArgumentException naming an unknown option or the option with a bad value */
    public static KubernetesDriverOptions parse(Map<String, String> options) {
        Map<String, String> known = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("env.") && k.length() > 4) {
                env.put(k.substring(4), e.getValue());
            } else if (KNOWN.contains(k)) {
                known.put(k, e.getValue() == null ? "" : e.getValue());
            } else {
                String message = "unknown driver option \"" + k + "\" for the kubernetes driver (known: "
                        + String.join(", ", new TreeSet<>(KNOWN)) + ", env.NAME)";
                throw new InvalidRequestException(new BuildSpec.Problem("options", message), message);
            }
        }
        return new KubernetesDriverOptions(known, env);
    }

    /** A wrong value: its problem names the option, so that a form can show it at the option's field. */
    private static InvalidRequestException bad(String option, String value, String why) {
        String message = "\"" + value + "\" " + why;
        return new InvalidRequestException(new BuildSpec.Problem(option, message), "driver option " + option + ": " + message);
    }

    private static boolean bool(Map<String, String> o, String key, boolean dflt) {
        String v = o.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        if (v.trim().equalsIgnoreCase("true") || v.trim().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v.trim());
        }
        throw bad(key, v, "is not true or false");
    }

    private static long number(Map<String, String> o, String key, long dflt, long min, long max) {
        String v = o.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim().endsWith("s") && key.equals("timeout") ? v.trim().substring(0, v.trim().length() - 1) : v.trim());
            if (n < min || n > max) {
                throw bad(key, v, "is not between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(key, v, "is not a whole number");
        }
    }

    private static java.util.Optional<String> quantity(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null || v.isBlank()) {
            return java.util.Optional.empty();
        }
        if (!QUANTITY.matcher(v.trim()).matches()) {
            throw bad(key, v, "is not a Kubernetes quantity such as 500m, 2 or 1Gi");
        }
        return java.util.Optional.of(v.trim());
    }

    private static String name(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (!Pattern.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?", v.trim())) {
            throw bad(key, v, "is not a Kubernetes object name");
        }
        return v.trim();
    }

    /** {@code k=v,k2=v2}; labels and annotations may not take the names the driver sets itself. */
    private static Map<String, String> pairs(Map<String, String> o, String key, boolean reservedChecked) {
        Map<String, String> out = new LinkedHashMap<>();
        String v = o.get(key);
        if (v == null || v.isBlank()) {
            return out;
        }
        for (String pair : v.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw bad(key, pair, "is not KEY=VALUE");
            }
            String k = pair.substring(0, eq).trim();
            if (!QUALIFIED_KEY.matcher(k).matches()) {
                throw bad(key, k, "is not a Kubernetes label or annotation key");
            }
            if (reservedChecked && (k.equals(PLATFORM_ANNOTATION) || k.equals(APP_LABEL))) {
                throw bad(key, k, "is set by the driver itself and may not be given");
            }
            out.put(k, pair.substring(eq + 1).trim());
        }
        return out;
    }

    /** {@code key=..,operator=..,value=..,effect=..,tolerationSeconds=N;...}, as Buildx takes them. */
    private static List<Toleration> tolerations(String v) {
        List<Toleration> out = new ArrayList<>();
        if (v == null || v.isBlank()) {
            return out;
        }
        for (String one : v.split(";")) {
            if (one.isBlank()) {
                continue;
            }
            Map<String, String> f = new LinkedHashMap<>();
            for (String part : one.split(",")) {
                int eq = part.indexOf('=');
                String k = eq < 0 ? part.trim() : part.substring(0, eq).trim();
                if (eq < 0 || !Set.of("key", "operator", "value", "effect", "tolerationSeconds").contains(k)) {
                    throw bad("tolerations", part, "is not key=, operator=, value=, effect= or tolerationSeconds=");
                }
                f.put(k, part.substring(eq + 1).trim());
            }
            String operator = f.get("operator");
            if (operator != null && !operator.equals("Exists") && !operator.equals("Equal")) {
                throw bad("tolerations", operator, "is not an operator (Exists or Equal)");
            }
            String effect = f.get("effect");
            if (effect != null && !Set.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
                throw bad("tolerations", effect, "is not an effect (NoSchedule, PreferNoSchedule or NoExecute)");
            }
            Long seconds = null;
            if (f.get("tolerationSeconds") != null) {
                try {
                    seconds = Long.parseLong(f.get("tolerationSeconds"));
                } catch (NumberFormatException e) {
                    throw bad("tolerations", f.get("tolerationSeconds"), "is not a number of seconds");
                }
            }
            out.add(new Toleration(f.get("key"), operator, f.get("value"), effect, seconds));
        }
        return out;
    }

    public String namespace() {
        return namespace;
    }

    public Duration timeout() {
        return timeout;
    }
}
