package io.jenkins.plugins.buildkit.build;

import io.jenkins.plugins.buildkit.client.RegistryCredential;
import io.jenkins.plugins.buildkit.wire.control.CacheOptionsEntry;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything a user asks of one build, in the terms of {@code docker buildx build}. Built with
 * {@link #builder()}; {@link #validate()} reports every problem at once, before any work starts.
 */
public final class BuildSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9_]+/[a-z0-9_]+(/[a-z0-9_.]+)?");
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:localhost|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::[0-9]+)?");
    private static final Pattern REPOSITORY_AND_TAG = Pattern.compile(
            COMPONENT + "(?:/" + COMPONENT + ")*(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?");
    /**
     * Docker's reference grammar (distribution/reference) limits the repository path, the name after
     * the registry; older engines counted the registry too, so they refuse some names this lets pass.
     */
    static final int MAX_REPOSITORY_PATH = 255;
    private static final Pattern ARG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    final String context;
    final String dockerfile;
    final String target;
    final Map<String, String> buildArgs;
    final Map<String, String> labels;
    final List<String> platforms;
    final List<String> tags;
    /** Parsed once, when the spec is built; a value that does not parse is a problem instead. */
    final List<OutputSpec> outputs;
    final List<CacheOptionsEntry> cacheFrom;
    final List<CacheOptionsEntry> cacheTo;
    final List<AttestSpec> attests;
    final boolean noCache;
    final boolean pull;
    final boolean push;
    final List<BuildFlags.NamedContext> buildContexts;
    final List<String> entitlements;
    final String network;
    /** {@code HOST=IP}, as BuildKit takes them. */
    final List<String> addHosts;
    /** The exporter attributes of every annotation. */
    final Map<String, String> annotationAttrs;
    final Long shmSizeBytes;
    /** {@code NAME=SOFT:HARD}, as BuildKit takes them. */
    final List<String> ulimits;
    /** What did not parse, found when the spec was built. */
    private final List<Problem> syntaxProblems = new ArrayList<>();
    final String cgroupParent;
    final List<SecretSource> secrets;
    final List<SshSource> ssh;
    final Map<String, RegistryCredential> registryCredentials;
    /** The values of the options that need no field of their own, as given. */
    final Map<BuildOption, List<String>> values;
    /**
     * What relative paths (context, file, output and cache directories) are relative to; null: the
     * process's. A string, as every field here, so that the spec stays serializable.
     */
    final String workingDirectory;
    /**
     * The directory relative paths must stay in (a Jenkins workspace), or null. Absolute paths are
     * the user's explicit choice and may go anywhere.
     */
    final String confinement;
    /** The provenance's builder id when the request gives none: the CI run that built (Jenkins: the build's URL). */
    final String defaultBuilderId;

    private BuildSpec(Builder b) {
        this.context = b.context;
        this.dockerfile = b.dockerfile;
        this.target = b.target;
        this.buildArgs = Map.copyOf(b.buildArgs);
        this.labels = Map.copyOf(b.labels);
        this.platforms = List.copyOf(b.platforms);
        this.tags = List.copyOf(b.tags);
        this.outputs = parseAll("outputs", b.outputs, OutputSpec::parse);
        this.cacheFrom = parseAll("cacheFrom", b.cacheFrom, CacheSpec::parse);
        this.cacheTo = parseAll("cacheTo", b.cacheTo, CacheSpec::parse);
        this.attests = parseAll("attestations", b.attests, AttestSpec::parse);
        this.noCache = b.noCache;
        this.pull = b.pull;
        this.push = b.push;
        this.buildContexts = parseAll("buildContexts", b.buildContexts, BuildFlags.NamedContext::parse);
        this.entitlements = List.copyOf(b.entitlements);
        this.network = b.network;
        this.addHosts = parseAll("addHosts", b.addHosts, h -> required(BuildFlags.hostEntry(h), "\"" + h + "\" is not HOST:IP"));
        Map<String, String> annotationAttrs = new LinkedHashMap<>();
        parseAll("annotations", b.annotations, BuildFlags::annotationAttrs).forEach(annotationAttrs::putAll);
        this.annotationAttrs = java.util.Collections.unmodifiableMap(annotationAttrs);
        this.shmSizeBytes = b.shmSize == null ? null : parseAll("shmSize", List.of(b.shmSize), v -> required(ByteSize.parse(v),
                "\"" + v + "\" is not a size such as 64m or 1g")).stream().findFirst().orElse(null);
        this.ulimits = parseAll("ulimits", b.ulimits, u -> required(BuildFlags.ulimitEntry(u), "\"" + u
                + "\" is not NAME=SOFT[:HARD] with NAME one of " + String.join(", ", BuildFlags.ULIMIT_NAMES)));
        this.cgroupParent = b.cgroupParent;
        this.secrets = List.copyOf(b.secrets);
        this.ssh = List.copyOf(b.ssh);
        this.registryCredentials = Map.copyOf(b.registryCredentials);
        this.values = new java.util.EnumMap<>(BuildOption.class);
        b.values.forEach((option, list) -> values.put(option, List.copyOf(list)));
        this.workingDirectory = b.workingDirectory;
        this.confinement = b.confinement;
        this.defaultBuilderId = b.defaultBuilderId;
    }

    /** Each value parsed; one that does not parse becomes a problem of {@code field}. */
    private <T> List<T> parseAll(String field, List<String> raw, java.util.function.Function<String, T> parse) {
        List<T> parsed = new ArrayList<>();
        for (String value : raw) {
            try {
                parsed.add(parse.apply(value));
            } catch (IllegalArgumentException e) {
                syntaxProblems.add(new Problem(field, e.getMessage()));
            }
        }
        return List.copyOf(parsed);
    }

    private static <T> T required(T parsed, String problem) {
        if (parsed == null) {
            throw new IllegalArgumentException(problem);
        }
        return parsed;
    }

    /**
     * A path the user gave, made absolute against the working directory, as Buildx takes paths from
     * the directory it runs in; on Jenkins that directory is the workspace.
     */
    public Path resolve(String path) {
        Path p = Path.of(path);
        return (workingDirectory == null ? p.toAbsolutePath() : Path.of(workingDirectory).resolve(p)).normalize();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path contextDir() {
        return resolve(context);
    }

    /** The Dockerfile: {@code file} relative to the working directory when given, else {@code Dockerfile} in the context. */
    public Path dockerfilePath() {
        if (dockerfile == null || dockerfile.isBlank()) {
            return contextDir().resolve("Dockerfile");
        }
        return resolve(dockerfile);
    }

    public List<String> platforms() {
        return platforms;
    }

    public List<String> tags() {
        return tags;
    }

    /** Whether the image is to be pushed, by {@code push} or an output with {@code push=true}. */
    public boolean isPush() {
        return push || resolvedOutputs().stream().anyMatch(OutputSpec::isPush);
    }

    /** The attestations asked for, one per type, the last given for a type winning. */
    public List<AttestSpec> attestations() {
        Map<String, AttestSpec> byType = new java.util.LinkedHashMap<>();
        for (AttestSpec spec : attests) {
            byType.remove(spec.type());
            byType.put(spec.type(), spec);
        }
        return List.copyOf(byType.values());
    }

    /** Every annotation's exporter attributes. */
    public Map<String, String> annotationAttrs() {
        return annotationAttrs;
    }

    /** Build secrets, as given. */
    public List<SecretSource> secrets() {
        return secrets;
    }

    /** SSH keys to forward, as given. */
    public List<SshSource> sshSources() {
        return ssh;
    }

    /** The values given for an option that the spec keeps as given. */
    public List<String> values(BuildOption option) {
        return values.getOrDefault(option, List.of());
    }

    /** Registry credentials by host, as given. */
    public Map<String, RegistryCredential> registryCredentials() {
        return registryCredentials;
    }

    /** The {@code type} of each cache export. */
    public List<String> cacheExportTypes() {
        return cacheTo.stream().map(CacheOptionsEntry::getType).toList();
    }

    /** Parsed outputs, with {@code push} and tags folded in as Buildx does. */
    public List<OutputSpec> resolvedOutputs() {
        List<OutputSpec> out = new ArrayList<>(outputs);
        boolean hasImage = out.stream().anyMatch(o -> o.type().equals("image"));
        if (push && !hasImage) {
            out.add(OutputSpec.parse("type=image,push=true"));
        } else if (out.isEmpty() && !tags.isEmpty()) {
            out.add(OutputSpec.parse("type=image"));
        }
        List<OutputSpec> named = new ArrayList<>();
        for (OutputSpec o : out) {
            if (o.type().equals("image") || o.type().equals("docker")) {
                Map<String, String> attrs = new LinkedHashMap<>(o.attrs());
                if (!attrs.containsKey("name") && !tags.isEmpty()) {
                    attrs.put("name", String.join(",", tags));
                }
                if (push && o.type().equals("image")) {
                    attrs.put("push", "true");
                }
                named.add(o.withAttrs(attrs));
            } else {
                named.add(o);
            }
        }
        return named;
    }

    /**
     * Every problem with this request, each naming the field and the value; empty when it can run.
     * Checks only what is knowable here: the daemon's own limits are checked by the driver.
     */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (context == null || context.isBlank()) {
            problems.add(new Problem("context", "empty"));
        } else if (!Files.isDirectory(contextDir())) {
            problems.add(new Problem("context", (Files.exists(contextDir()) ? "not a directory: " : "directory not found: ")
                    + contextDir()));
        } else if (!Files.isRegularFile(dockerfilePath())) {
            problems.add(new Problem("file", "Dockerfile not found: " + dockerfilePath()));
        }
        if (target != null && !target.isEmpty() && target.isBlank()) {
            problems.add(new Problem("target", "blank"));
        }
        buildArgs.forEach((k, v) -> {
            if (!ARG_NAME.matcher(k).matches()) {
                problems.add(new Problem("buildArgs", "invalid name \"" + k + "\""));
            }
        });
        labels.forEach((k, v) -> {
            if (k.isBlank()) {
                problems.add(new Problem("labels", "empty label name"));
            }
        });
        for (String p : platforms) {
            if (!PLATFORM.matcher(p).matches()) {
                problems.add(new Problem("platforms", "invalid platform \"" + p + "\" (expected os/arch[/variant], e.g. linux/arm64/v8)"));
            }
        }
        for (String t : tags) {
            if (t == null || t.isBlank()) {
                problems.add(new Problem("tags", "empty tag"));
            } else if (!isImageReference(t)) {
                problems.add(new Problem("tags", "invalid image name \"" + t + "\" (expected [registry/]name[:tag], lower case)"));
            } else if (repositoryPath(t).length() > MAX_REPOSITORY_PATH) {
                problems.add(new Problem("tags", tooLong(t)));
            }
        }
        for (OutputSpec o : outputs) {
            // The daemon makes a missing directory, but only after the whole build, and fails on a file.
            if (o.type().equals("local") && Files.exists(resolve(o.dest())) && !Files.isDirectory(resolve(o.dest()))) {
                problems.add(new Problem("outputs", "\"" + o + "\": dest is not a directory: " + resolve(o.dest())));
            }
        }
        if (push && tags.isEmpty() && outputs.stream().noneMatch(o -> o.attrs().containsKey("name"))) {
            problems.add(new Problem("tags", "push=true needs at least one tag"));
        }
        for (BuildFlags.NamedContext c : buildContexts) {
            String problem = c.problem(this);
            if (problem != null) {
                problems.add(new Problem("buildContexts", problem));
            }
        }
        for (String e : entitlements) {
            if (!BuildFlags.ENTITLEMENTS.contains(e)) {
                problems.add(new Problem("allow", "unknown entitlement \"" + e + "\" (expected network.host or security.insecure)"));
            }
        }
        if (network != null && !List.of("default", "host", "none").contains(network)) {
            problems.add(new Problem("network", "\"" + network + "\" is not default, host or none (a builder's own network is a driver option)"));
        }
        problems.addAll(syntaxProblems);
        List<String> seenSecretIds = new ArrayList<>();
        for (SecretSource s : secrets) {
            String problem = s.problem();
            if (problem != null) {
                problems.add(Problem.of(problem));
            }
            if (seenSecretIds.contains(s.id())) {
                problems.add(new Problem("secrets", "secret id \"" + s.id() + "\" given twice"));
            }
            seenSecretIds.add(s.id());
        }
        List<String> seenSshIds = new ArrayList<>();
        for (SshSource s : ssh) {
            String problem = s.problem();
            if (problem != null) {
                problems.add(Problem.of(problem));
            }
            if (seenSshIds.contains(s.id())) {
                problems.add(new Problem("ssh", "id \"" + s.id() + "\" given twice"));
            }
            seenSshIds.add(s.id());
        }
        registryCredentials.forEach((host, auth) -> {
            if (host.isBlank()) {
                problems.add(new Problem("registryCredentials", "empty registry host"));
            }
        });
        problems.addAll(confinementProblems());
        return problems;
    }

    /**
     * Relative paths that leave the confinement directory, and written paths that pass through a
     * symbolic link inside it: a link in a workspace is the repository's to make, and would send
     * an export wherever it points.
     */
    private List<Problem> confinementProblems() {
        List<Problem> problems = new ArrayList<>();
        if (confinement == null) {
            return problems;
        }
        checkConfined(problems, "context", context, false);
        if (dockerfile != null && !dockerfile.isBlank()) {
            checkConfined(problems, "file", dockerfile, false);
        }
        for (OutputSpec o : outputs) {
            if (OutputSpec.STANDARD_OUTPUT.equals(o.dest())) {
                // the agent's standard output is its own log, not the build's
                problems.add(new Problem("outputs", "dest=- (standard output) is for the command line; give a file in the workspace"));
            } else if (o.dest() != null) {
                checkConfined(problems, "outputs", o.dest(), true);
            }
        }
        for (CacheOptionsEntry c : cacheFrom) {
            if (c.getType().equals("local") && c.getAttrsMap().containsKey("src")) {
                checkConfined(problems, "cacheFrom", c.getAttrsMap().get("src"), false);
            }
        }
        for (CacheOptionsEntry c : cacheTo) {
            if (c.getType().equals("local") && c.getAttrsMap().containsKey("dest")) {
                checkConfined(problems, "cacheTo", c.getAttrsMap().get("dest"), true);
            }
        }
        for (BuildFlags.NamedContext c : buildContexts) {
            if (!c.remote()) {
                checkConfined(problems, "buildContexts", c.value(), false);
            }
        }
        return problems;
    }

    private void checkConfined(List<Problem> problems, String field, String path, boolean written) {
        if (path == null || path.isBlank()) {
            return;
        }
        Path root = Path.of(confinement);
        Path resolved = resolve(path);
        if (!Path.of(path).isAbsolute() && !resolved.startsWith(root)) {
            problems.add(new Problem(field, "\"" + path + "\" leads out of the workspace " + root
                    + " (an absolute path may name a directory outside it)"));
            return;
        }
        if (written && resolved.startsWith(root)) {
            for (Path p = resolved; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
                if (Files.isSymbolicLink(p)) {
                    problems.add(new Problem(field, "\"" + path + "\" passes through the symbolic link " + root.relativize(p)
                            + " in the workspace; an export is written only to real directories there"));
                    return;
                }
            }
        }
    }

    /** One thing wrong with a request: the parameter (as the Pipeline step names it) and what is wrong with its value. */
    public record Problem(String field, String message) implements Serializable {
        /** From a {@code "field: message"} line. */
        public static Problem of(String line) {
            int colon = line.indexOf(": ");
            return colon < 0 ? new Problem("", line) : new Problem(line.substring(0, colon), line.substring(colon + 2));
        }

        @Override
        public String toString() {
            return field.isEmpty() ? message : field + ": " + message;
        }
    }

    /** The problems of one parameter, as a form check shows them. */
    public List<Problem> problemsOf(String field) {
        return problems().stream().filter(p -> p.field().equals(field)).toList();
    }

    /**
     * Docker's reference grammar: the first element is a registry only when it has a dot or a port or
     * is {@code localhost}; everything after it is lower case.
     */
    static boolean isImageReference(String ref) {
        int slash = ref.indexOf('/');
        String rest = ref;
        if (slash > 0) {
            String first = ref.substring(0, slash);
            if ((first.contains(".") || first.contains(":") || first.equals("localhost")) && DOMAIN.matcher(first).matches()) {
                rest = ref.substring(slash + 1);
            }
        }
        return REPOSITORY_AND_TAG.matcher(rest).matches();
    }

    /**
     * The repository path of a valid reference as the daemon parses it: without registry, tag and
     * digest, and with {@code library/} before a single Docker Hub component, as normalization adds it.
     */
    static String repositoryPath(String ref) {
        String name = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        String path = hasRegistry ? name.substring(slash + 1) : name;
        boolean dockerHub = !hasRegistry || first.equals("docker.io") || first.equals("index.docker.io");
        return dockerHub && !path.contains("/") ? "library/" + path : path;
    }

    private static String tooLong(String tag) {
        String path = repositoryPath(tag);
        boolean hubLibrary = path.startsWith("library/") && !tag.contains("library/");
        return "image name \"" + tag + "\" is too long: its repository path has " + path.length() + " characters"
                + (hubLibrary ? " as Docker Hub names it (library/NAME)" : "") + "; Docker's limit is " + MAX_REPOSITORY_PATH;
    }

    /** @throws InvalidRequestException listing every problem */
    public void validate() throws InvalidRequestException {
        List<Problem> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    /** Collects a build request; nothing is checked until {@link BuildSpec#validate()}. */
    public static final class Builder {
        private String context = ".";
        private String workingDirectory;
        private String confinement;
        private String defaultBuilderId;
        private String dockerfile;
        private String target;
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<String> platforms = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();
        private final List<String> cacheFrom = new ArrayList<>();
        private final List<String> cacheTo = new ArrayList<>();
        private final List<String> attests = new ArrayList<>();
        private boolean noCache;
        private boolean pull;
        private boolean push;
        private final List<String> buildContexts = new ArrayList<>();
        private final List<String> entitlements = new ArrayList<>();
        private String network;
        private final List<String> addHosts = new ArrayList<>();
        private final List<String> annotations = new ArrayList<>();
        private String shmSize;
        private final List<String> ulimits = new ArrayList<>();
        private String cgroupParent;
        private final List<SecretSource> secrets = new ArrayList<>();
        private final List<SshSource> ssh = new ArrayList<>();
        private final Map<String, RegistryCredential> registryCredentials = new LinkedHashMap<>();
        private final Map<BuildOption, List<String>> values = new java.util.EnumMap<>(BuildOption.class);

        private Builder() {
        }

        /** A value of an option that the spec keeps as given, such as a {@code --no-cache-filter} stage. */
        public Builder value(BuildOption option, String value) {
            values.computeIfAbsent(option, o -> new ArrayList<>()).add(value);
            return this;
        }

        /** What relative paths are relative to (default: the process's working directory). */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir == null ? null : dir.toAbsolutePath().normalize().toString();
            return this;
        }

        /**
         * Keeps relative paths inside {@code root} (a Jenkins workspace, which a step's working
         * directory may be below), and exports out of symbolic links there.
         */
        public Builder confinedTo(Path root) {
            this.confinement = root == null ? null : root.toAbsolutePath().normalize().toString();
            return this;
        }

        /**
         * The builder id a provenance attestation carries when the request names none, as Buildx
         * gives the CI run's URL on GitHub Actions; null or blank for none.
         */
        public Builder defaultBuilderId(String id) {
            this.defaultBuilderId = id == null || id.isBlank() ? null : id.trim();
            return this;
        }

        public Builder context(String dir) {
            this.context = dir;
            return this;
        }

        public Builder dockerfile(String file) {
            this.dockerfile = file;
            return this;
        }

        public Builder target(String stage) {
            this.target = stage;
            return this;
        }

        public Builder buildArg(String name, String value) {
            buildArgs.put(name, value);
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(name, value);
            return this;
        }

        /** One or more platforms; a comma-separated list is split. */
        public Builder platform(String platform) {
            for (String p : platform.split(",", -1)) {
                platforms.add(p.trim());
            }
            return this;
        }

        public Builder tag(String tag) {
            tags.add(tag);
            return this;
        }

        public Builder output(String output) {
            outputs.add(output);
            return this;
        }

        public Builder cacheFrom(String cache) {
            cacheFrom.add(cache);
            return this;
        }

        /** An attestation in {@code --attest} syntax, e.g. {@code type=provenance,mode=max}. */
        public Builder attest(String attestation) {
            attests.add(attestation);
            return this;
        }

        /** {@code --provenance}: true, false, or attributes such as {@code mode=max}. */
        public Builder provenance(String value) {
            String a = AttestSpec.shorthand("provenance", value);
            if (a != null) {
                attests.add(a);
            }
            return this;
        }

        /** {@code --sbom}: true, false, or attributes such as {@code generator=IMAGE}. */
        public Builder sbom(String value) {
            String a = AttestSpec.shorthand("sbom", value);
            if (a != null) {
                attests.add(a);
            }
            return this;
        }

        public Builder cacheTo(String cache) {
            cacheTo.add(cache);
            return this;
        }

        public Builder noCache(boolean noCache) {
            this.noCache = noCache;
            return this;
        }

        public Builder pull(boolean pull) {
            this.pull = pull;
            return this;
        }

        /**
         * {@code --build-context NAME=VALUE}: a directory, {@code docker-image://REF},
         * {@code target:STAGE} or a URL, which {@code FROM NAME} and {@code COPY --from=NAME} then mean.
         */
        public Builder buildContext(String nameAndValue) {
            buildContexts.add(nameAndValue);
            return this;
        }

        /** {@code --allow}: {@code network.host} or {@code security.insecure}, if the daemon grants it. */
        public Builder allow(String entitlement) {
            entitlements.add(entitlement);
            return this;
        }

        /** {@code --network}: {@code default}, {@code host} or {@code none} for RUN steps. */
        public Builder network(String mode) {
            this.network = mode == null || mode.isBlank() ? null : mode.trim();
            return this;
        }

        /** {@code --add-host HOST:IP} (or {@code HOST=IP}): a line of /etc/hosts in RUN steps. */
        public Builder addHost(String hostAndIp) {
            addHosts.add(hostAndIp);
            return this;
        }

        /**
         * {@code --annotation [TYPE[,TYPE...]:]KEY=VALUE}: an OCI annotation on the image's manifest, or
         * where TYPE says: {@code manifest[PLATFORM]}, {@code manifest-descriptor}, {@code index},
         * {@code index-descriptor}.
         */
        public Builder annotation(String annotation) {
            annotations.add(annotation);
            return this;
        }

        /** {@code --shm-size}: the size of /dev/shm in RUN steps, such as {@code 128m}. */
        public Builder shmSize(String size) {
            this.shmSize = size == null || size.isBlank() ? null : size.trim();
            return this;
        }

        /** {@code --ulimit NAME=SOFT[:HARD]} for RUN steps, such as {@code nofile=1024:2048}. */
        public Builder ulimit(String ulimit) {
            ulimits.add(ulimit);
            return this;
        }

        /** {@code --cgroup-parent} for RUN steps. */
        public Builder cgroupParent(String parent) {
            this.cgroupParent = parent == null || parent.isBlank() ? null : parent.trim();
            return this;
        }

        public Builder push(boolean push) {
            this.push = push;
            return this;
        }

        public Builder secret(SecretSource secret) {
            secrets.add(secret);
            return this;
        }

        public Builder ssh(SshSource source) {
            ssh.add(source);
            return this;
        }

        public Builder registryCredential(String host, RegistryCredential auth) {
            registryCredentials.put(host, auth);
            return this;
        }

        public BuildSpec build() {
            return new BuildSpec(this);
        }
    }
}
