package io.jenkins.plugins.buildkit.client;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * How a build session reaches the daemon when not through {@code Control.Session}: Docker Engine
 * takes it on {@code POST /session}, an upgraded connection that carries HTTP/2 unwrapped.
 */
public interface SessionTransport {
    /**
     * Opens the stream that will carry the session.
     *
     * @param headers the session's {@code X-Docker-Expose-Session-*} headers, some repeated
     */
    ByteStream open(Map<String, List<String>> headers) throws IOException;
}
