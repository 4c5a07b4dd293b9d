package io.jenkins.plugins.buildkit.build;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The one declaration of the plain build parameters: the name the Pipeline step, the freestyle form
 * and the error messages use, Buildx's flag for the command line, the help text, and how a value
 * lands in a {@link BuildSpec}. The CLI's options, the step's data binding, the form and its help are
 * all made from this table; see docs/DESIGN.md, "Adding a build parameter".
 *
 * <p>Credentials (secrets, SSH keys, registry credentials) are not here: the CLI reads them from files and
 * the environment, Jenkins from its credential store.
 */
public enum BuildOption {
    CONTEXT("context", Kind.TEXT, Group.MAIN, "", "Context",
            "The build context directory (in Jenkins relative to the workspace, default .).", BuildSpec.Builder::context),
    FILE("file", Kind.TEXT, Group.MAIN, "-f,--file=FILE", "Dockerfile",
            "The Dockerfile, relative to the working directory (default: Dockerfile in the context).",
            BuildSpec.Builder::dockerfile),
    TARGET("target", Kind.TEXT, Group.MAIN, "--target=STAGE", "Target stage", "The build stage to build.",
            BuildSpec.Builder::target),
    BUILD_ARGS("buildArgs", Kind.MAP, Group.MAIN, "--build-arg=KEY=VALUE", "Build arguments",
            "Build-time variables (ARG), KEY=VALUE.", (spec, kv) -> spec.buildArg(key(kv), value(kv))),
    LABELS("labels", Kind.MAP, Group.MAIN, "--label=KEY=VALUE", "Labels", "Image labels, KEY=VALUE.",
            (spec, kv) -> spec.label(key(kv), value(kv))),
    PLATFORMS("platforms", Kind.LIST_OR_COMMAS, Group.MAIN, "--platform=PLATFORM", "Platforms",
            "Target platforms, os/arch[/variant] such as linux/arm64; several make a multi-platform image. "
                    + "Default: the builder's platforms, else the daemon's own.", BuildSpec.Builder::platform),
    TAGS("tags", Kind.LIST, Group.MAIN, "-t,--tag=NAME", "Tags", "Image names, [registry/]name[:tag].",
            BuildSpec.Builder::tag),
    OUTPUTS("outputs", Kind.LIST, Group.MAIN, "-o,--output=OUTPUT", "Outputs",
            "Outputs in Buildx syntax: type=local,dest=out; type=oci,dest=image.tar; type=image,name=...,push=true.",
            BuildSpec.Builder::output),
    PUSH("push", Kind.FLAG, Group.MAIN, "--push", "Push", "Push the image (type=image,push=true).",
            (spec, on) -> spec.push(true)),
    LOAD("load", Kind.FLAG, Group.MAIN, "--load", "Load into Docker",
            "Load the image into the builder's Docker Engine (type=docker).", (spec, on) -> spec.output("type=docker")),
    CACHE_FROM("cacheFrom", Kind.LIST, Group.MAIN, "--cache-from=CACHE", "Cache from",
            "External cache sources: type=registry,ref=...; type=local,src=DIR; type=gha; type=s3.",
            BuildSpec.Builder::cacheFrom),
    CACHE_TO("cacheTo", Kind.LIST, Group.MAIN, "--cache-to=CACHE", "Cache to",
            "Cache export destinations: type=registry,ref=...,mode=max; type=local,dest=DIR; type=inline.",
            BuildSpec.Builder::cacheTo),
    NO_CACHE("noCache", Kind.FLAG, Group.MAIN, "--no-cache", "No cache", "Do not use the cache for any step.",
            (spec, on) -> spec.noCache(true)),
    PULL("pull", Kind.FLAG, Group.MAIN, "--pull", "Pull", "Always look for newer versions of the base images.",
            (spec, on) -> spec.pull(true)),
    ATTESTATIONS("attestations", Kind.LIST, Group.MAIN, "--attest=ATTEST", "Attestations",
            "Attestations in Buildx syntax: type=provenance,mode=max; type=sbom.", BuildSpec.Builder::attest),
    PROVENANCE("provenance", Kind.TEXT, Group.MAIN, "--provenance=VALUE", "Provenance",
            "Shorthand for a provenance attestation: true, false, or attributes such as mode=max.",
            BuildSpec.Builder::provenance),
    SBOM("sbom", Kind.TEXT, Group.MAIN, "--sbom=VALUE", "SBOM",
            "Shorthand for an SBOM attestation: true, false, or attributes such as generator=IMAGE.",
            BuildSpec.Builder::sbom),
    BUILD_CONTEXTS("buildContexts", Kind.MAP, Group.ADVANCED, "--build-context=NAME=VALUE", "Build contexts",
            "Named contexts for FROM and COPY --from: NAME=a directory, docker-image://REF, target:STAGE or a URL.",
            BuildSpec.Builder::buildContext),
    NETWORK("network", Kind.TEXT, Group.ADVANCED, "--network=MODE", "Network",
            "The network of RUN steps: default, host or none.", BuildSpec.Builder::network),
    ADD_HOSTS("addHosts", Kind.LIST, Group.ADVANCED, "--add-host=HOST:IP", "Extra hosts",
            "Lines to add to /etc/hosts of RUN steps, HOST:IP.", BuildSpec.Builder::addHost),
    ALLOW("allow", Kind.LIST_OR_COMMAS, Group.ADVANCED, "--allow=ENTITLEMENT", "Allow",
            "Extra privileges the daemon must grant: network.host, security.insecure.", BuildSpec.Builder::allow),
    SHM_SIZE("shmSize", Kind.TEXT, Group.ADVANCED, "--shm-size=SIZE", "/dev/shm size",
            "The size of /dev/shm in RUN steps, such as 128m.", BuildSpec.Builder::shmSize),
    ULIMITS("ulimits", Kind.LIST, Group.ADVANCED, "--ulimit=NAME=SOFT[:HARD]", "Ulimits",
            "Limits of RUN steps, such as nofile=1024:2048.", BuildSpec.Builder::ulimit),
    CGROUP_PARENT("cgroupParent", Kind.TEXT, Group.ADVANCED, "--cgroup-parent=PARENT", "Cgroup parent",
            "The cgroup parent of RUN steps.", BuildSpec.Builder::cgroupParent),
    ANNOTATIONS("annotations", Kind.LIST, Group.ADVANCED, "--annotation=[TYPE:]KEY=VALUE", "Annotations",
            "OCI annotations; TYPE is manifest (default), index, manifest-descriptor or index-descriptor, "
                    + "and manifest[PLATFORM] for one platform.", BuildSpec.Builder::annotation),
    NO_CACHE_FILTER("noCacheFilter", Kind.LIST_OR_COMMAS, Group.ADVANCED, "--no-cache-filter=STAGE", "No cache for stages",
            "Build these stages without the cache; the others may use it.");

    /** How a value is written: in the form, in a Pipeline script and on the command line. */
    public enum Kind {
        /** One string. */
        TEXT,
        /** On or off. */
        FLAG,
        /** Strings: a Pipeline list, one per line in the form, the flag repeated on the command line. */
        LIST,
        /** As {@link #LIST}, and a comma also separates entries. */
        LIST_OR_COMMAS,
        /** {@code KEY=VALUE} entries: a Pipeline map, one per line in the form, the flag repeated. */
        MAP
    }

    /** Where the form shows a parameter. */
    public enum Group {
        MAIN, ADVANCED
    }

    private final String parameter;
    private final Kind kind;
    private final Group group;
    private final List<String> flags;
    private final String valueLabel;
    private final String label;
    private final String description;
    private final BiConsumer<BuildSpec.Builder, String> apply;

    /** An option whose values the spec keeps as given, for {@link SolveRequests} to read with {@link BuildSpec#values}. */
    BuildOption(String parameter, Kind kind, Group group, String flag, String label, String description) {
        this(parameter, kind, group, flag, label, description, null);
    }

    /**
     * @param flag Buildx's flag names, comma-separated, then {@code =VALUE} naming the value; empty
     *     for the context, which is the command line's positional argument
     */
    BuildOption(String parameter, Kind kind, Group group, String flag, String label, String description,
            BiConsumer<BuildSpec.Builder, String> apply) {
        this.parameter = parameter;
        this.kind = kind;
        this.group = group;
        int eq = flag.indexOf('=');
        this.flags = flag.isEmpty() ? List.of() : List.of((eq < 0 ? flag : flag.substring(0, eq)).split(","));
        this.valueLabel = eq < 0 ? null : flag.substring(eq + 1);
        this.label = label;
        this.description = description;
        this.apply = apply != null ? apply : (spec, value) -> spec.value(this, value);
    }

    /** The name in the Pipeline step, the freestyle form and problem messages, such as {@code cacheFrom}. */
    public String parameter() {
        return parameter;
    }

    public Kind kind() {
        return kind;
    }

    public Group group() {
        return group;
    }

    /** Buildx's flag names, such as {@code -t} and {@code --tag}; empty for the positional context. */
    public List<String> flags() {
        return flags;
    }

    /** What the command line's help calls the value, such as {@code NAME}; null for a flag. */
    public String valueLabel() {
        return valueLabel;
    }

    /** The form's title for the field. */
    public String label() {
        return label;
    }

    /** One or two sentences of help, in plain text. */
    public String description() {
        return description;
    }

    /** Adds one value (one entry of a list, {@code KEY=VALUE} of a map, {@code true} of a flag) to a spec. */
    public void applyTo(BuildSpec.Builder spec, String value) {
        apply.accept(spec, value);
    }

    /**
     * A value as this option's kind keeps it: a {@code String} (text), {@code Boolean.TRUE} (a flag
     * that is on), a {@code List<String>} or a {@code Map<String, String>}; null when empty or off.
     * A list may be given as a collection or as text, one entry per line; a map as a map, as
     * {@code KEY=VALUE} strings or as such lines. Values are taken as text, numbers included.
     *
     * @throws IllegalArgumentException naming the parameter when the value has the wrong shape
     */
    public Object normalize(Object value) {
        Object normalized = switch (kind) {
            case TEXT -> value == null || value.toString().isBlank() ? null : value.toString().trim();
            case FLAG -> Boolean.TRUE.equals(value) || value instanceof CharSequence c && Boolean.parseBoolean(c.toString().trim()) ? Boolean.TRUE : null;
            case LIST, LIST_OR_COMMAS -> entries(value);
            case MAP -> keyValues(value);
        };
        return normalized instanceof java.util.Collection<?> c && c.isEmpty() || normalized instanceof Map<?, ?> m && m.isEmpty()
                ? null : normalized;
    }

    /** A normalized value as the entries {@link BuildOptions#add} takes: {@code KEY=VALUE} for a map. */
    public List<String> entriesOf(Object normalized) {
        if (normalized instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        }
        if (normalized instanceof List<?> list) {
            return list.stream().map(Object::toString).toList();
        }
        return normalized == null ? List.of() : List.of(normalized.toString());
    }

    private ArrayList<String> entries(Object value) {
        ArrayList<String> out = new ArrayList<>();
        if (value instanceof CharSequence text) {
            for (String item : text.toString().split(kind == Kind.LIST_OR_COMMAS ? "[\\r\\n,]+" : "\\r?\\n")) {
                if (!item.isBlank()) {
                    out.add(item.trim());
                }
            }
        } else if (value instanceof java.util.Collection<?> items) {
            items.stream().filter(i -> i != null && !i.toString().isBlank()).forEach(i -> out.add(i.toString().trim()));
        } else if (value != null) {
            throw new IllegalArgumentException(parameter + ": expected a list of strings or a string, got a "
                    + value.getClass().getSimpleName());
        }
        return out;
    }

    private LinkedHashMap<String, String> keyValues(Object value) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (value instanceof java.util.Collection<?> || value instanceof CharSequence) {
            // one KEY=VALUE per entry or line; a line without "=" is a key with an empty value
            for (Object item : value instanceof java.util.Collection<?> c ? c : List.of(value)) {
                for (String line : item.toString().split("\\r?\\n")) {
                    if (!line.isBlank()) {
                        out.put(key(line.trim()).trim(), value(line.trim()));
                    }
                }
            }
        } else if (value != null) {
            throw new IllegalArgumentException(parameter + ": expected a map such as [VERSION: '1.0'], got a "
                    + value.getClass().getSimpleName());
        }
        return out;
    }

    /** The option a Pipeline or form parameter name stands for. */
    public static Optional<BuildOption> named(String parameter) {
        return Arrays.stream(values()).filter(o -> o.parameter.equals(parameter)).findFirst();
    }

    private static String key(String keyValue) {
        int eq = keyValue.indexOf('=');
        return eq < 0 ? keyValue : keyValue.substring(0, eq);
    }

    private static String value(String keyValue) {
        int eq = keyValue.indexOf('=');
        return eq < 0 ? "" : keyValue.substring(eq + 1);
    }
}
