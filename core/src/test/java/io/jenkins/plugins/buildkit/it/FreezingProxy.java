package io.jenkins.plugins.buildkit.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP proxy on loopback that can stop forwarding while keeping every socket open: to the client it
 * looks like a connection whose far end went away without a word (a half-open connection, a stalled
 * network path).
 */
final class FreezingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean frozen;
    private final java.util.concurrent.atomic.AtomicLong forwardedUpstream = new java.util.concurrent.atomic.AtomicLong();
    private volatile long freezeAfterUpstreamBytes = Long.MAX_VALUE;

    FreezingProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "freezing-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code tcp://127.0.0.1:PORT} of the proxy. */
    String address() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    /** From now on no byte goes through in either direction, and no socket is closed. */
    void freeze() {
        frozen = true;
    }

    /** Freezes once this many bytes went from the client to the target, in the middle of a write. */
    void freezeAfterUpstreamBytes(long bytes) {
        freezeAfterUpstreamBytes = bytes;
    }

    boolean isFrozen() {
        return frozen;
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5000);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void pump(Socket from, Socket to, boolean upstreamDirection) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (true) {
                    int n = in.read(buf);
                    if (n < 0) {
                        return;
                    }
                    if (upstreamDirection && forwardedUpstream.addAndGet(n) > freezeAfterUpstreamBytes) {
                        frozen = true;
                    }
                    if (frozen) {
                        // Hold what was read, forward nothing, close nothing: until the proxy is closed.
                        closed.await();
                        return;
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // a side closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close(from);
                close(to);
            }
        }, "freezing-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        listener.close();
        sockets.forEach(FreezingProxy::close);
    }
}
