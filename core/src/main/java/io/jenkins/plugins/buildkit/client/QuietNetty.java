package io.jenkins.plugins.buildkit.client;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * gRPC sets TCP keep-alive on every channel it opens or accepts; our in-memory channels have no such
 * option and Netty would warn about it on every build.
 */
final class QuietNetty {
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger BOOTSTRAP_LOG = Logger.getLogger("io.grpc.netty.shaded.io.netty.bootstrap");

    private QuietNetty() {
    }

    static void apply() {
        BOOTSTRAP_LOG.setLevel(Level.SEVERE);
    }
}
