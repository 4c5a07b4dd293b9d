package io.jenkins.plugins.buildkit.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A raw, bidirectional byte stream to a BuildKit gRPC endpoint or from a daemon's session: an
 * upgraded Docker socket, an exec stream, a port-forward. Reading and writing may happen at once
 * from two threads.
 */
public interface ByteStream extends Closeable {
    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** Opens a new stream each time gRPC (re)connects. */
    interface Dialer {
        ByteStream dial() throws IOException;
    }
}
