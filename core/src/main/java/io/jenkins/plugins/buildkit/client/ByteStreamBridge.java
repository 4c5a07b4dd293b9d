package io.jenkins.plugins.buildkit.client;

import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Joins an in-memory Netty channel (one end of a gRPC connection), created with a
 * {@link ForwardingHandler}, to a {@link ByteStream}: bytes the channel reads go to the stream,
 * bytes the stream yields are written to the channel, and either side closing closes the other.
 * HTTP/2 flow control inside the bytes bounds what is in flight.
 */
final class ByteStreamBridge {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private ByteStreamBridge() {
    }

    static void attach(Channel channel, ByteStream stream) throws IOException {
        InputStream in = stream.input();
        OutputStream out = stream.output();
        ForwardingHandler.attach(channel, new ForwardingHandler.Sink() {
            @Override
            public void write(io.grpc.netty.shaded.io.netty.buffer.ByteBuf buf) throws IOException {
                buf.readBytes(out, buf.readableBytes());
                out.flush();
            }

            @Override
            public void closed() {
                closeQuietly(stream);
            }
        });
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    channel.writeAndFlush(Unpooled.copiedBuffer(buf, 0, n));
                }
            } catch (IOException e) {
                // the stream ended; closing the channel tells gRPC
            } finally {
                channel.close();
                closeQuietly(stream);
            }
        }, "buildkit-stream-reader-" + THREADS.incrementAndGet());
        reader.setDaemon(true);
        reader.start();
    }

    static void closeQuietly(ByteStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // already closed or broken
        }
    }
}
