package io.jenkins.plugins.buildkit.driver.container;

/** The engine's own words from a docker-java failure, without its JSON wrapping. */
final class DockerEngineErrors {
    private DockerEngineErrors() {
    }

    static String message(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int json = m.indexOf("{\"message\":\"");
        if (json >= 0) {
            int start = json + "{\"message\":\"".length();
            int end = m.indexOf("\"}", start);
            if (end > start) {
                return m.substring(start, end);
            }
        }
        return m.trim();
    }
}
