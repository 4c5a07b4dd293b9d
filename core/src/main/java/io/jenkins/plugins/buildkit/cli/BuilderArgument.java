package io.jenkins.plugins.buildkit.cli;

/**
 * A first look at {@code --builder}, before picocli reads the arguments: which driver the command will
 * use. The launcher keeps a class archive per driver, and a kubernetes builder starts its client early.
 */
final class BuilderArgument {
    /** What {@code --builder} is when not given, as {@link BuilderOptions} declares it. */
    static final String ENVIRONMENT_VARIABLE = "BUILDKIT_BUILDER";

    private BuilderArgument() {
    }

    /**
     * The driver that the first {@code --builder} names (else {@code $BUILDKIT_BUILDER}, else docker):
     * {@code docker}, {@code container}, {@code kubernetes} or {@code remote}; null for anything else,
     * which picocli or the driver then refuses.
     */
    static String kind(String[] args, String fromEnvironment) {
        String value = fromEnvironment == null ? "docker" : fromEnvironment;
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--builder=")) {
                value = args[i].substring("--builder=".length());
                break;
            }
            if ("--builder".equals(args[i])) {
                value = i + 1 < args.length ? args[i + 1] : "";
                break;
            }
        }
        String trimmed = value.trim();
        int colon = trimmed.indexOf(':');
        switch (colon < 0 ? trimmed : trimmed.substring(0, colon)) {
            case "docker":
            case "default":
                return "docker";
            case "container":
            case "docker-container":
                return "container";
            case "kubernetes":
                return "kubernetes";
            case "remote":
                return "remote";
            default:
                return null;
        }
    }
}
