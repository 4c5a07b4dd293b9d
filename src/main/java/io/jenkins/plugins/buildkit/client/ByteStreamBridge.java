package io.jenkins.plugins.buildkit.client;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Joins an in-memory Netty channel (one end of a gRPC connection) to a {@link ByteStream}: bytes the
 * channel reads go to the stream, bytes the stream yields are written to the channel, and either side
 * closing closes the other. HTTP/2 flow control inside the bytes bounds what is in flight.
 */
final class ByteStreamBridge {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private ByteStreamBridge() {
    }

    /** Call on the channel's event loop, before it starts reading. */
    static void attach(Channel channel, ByteStream stream) throws IOException {
        InputStream in = stream.input();
        OutputStream out = stream.output();
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf buf = (ByteBuf) msg;
                try {
                    buf.readBytes(out, buf.readableBytes());
                    out.flush();
                } catch (IOException e) {
                    ctx.close();
                } finally {
                    buf.release();
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                closeQuietly(stream);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
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
