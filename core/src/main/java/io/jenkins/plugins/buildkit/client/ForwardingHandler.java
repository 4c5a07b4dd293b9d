package io.jenkins.plugins.buildkit.client;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Passes what an in-memory channel reads to a sink that may not exist yet. It is installed when the
 * channel is created, so nothing read before the sink is attached can slip past it: an HTTP/2 peer
 * writes its SETTINGS the moment it connects, and losing them leaves the other side on default
 * flow-control windows that stall the connection after 64 KiB.
 */
final class ForwardingHandler extends ChannelInboundHandlerAdapter {

    /** Where the bytes go; called on the channel's event loop. */
    interface Sink {
        void write(ByteBuf buf) throws Exception;

        void closed();
    }

    private final Deque<ByteBuf> pending = new ArrayDeque<>();
    private Sink sink;
    private boolean inactive;

    /** Attaches the sink on the channel's event loop and hands it what arrived before. */
    static void attach(Channel channel, Sink sink) {
        ForwardingHandler handler = channel.pipeline().get(ForwardingHandler.class);
        channel.eventLoop().execute(() -> handler.attach(sink, channel));
    }

    private void attach(Sink newSink, Channel channel) {
        sink = newSink;
        while (!pending.isEmpty()) {
            if (!deliver(pending.poll(), channel)) {
                break;
            }
        }
        if (inactive) {
            sink.closed();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        if (sink == null) {
            pending.add(buf);
            return;
        }
        deliver(buf, ctx.channel());
    }

    private boolean deliver(ByteBuf buf, Channel channel) {
        try {
            sink.write(buf);
            return true;
        } catch (Exception e) {
            channel.close();
            return false;
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
        while (!pending.isEmpty()) {
            pending.poll().release();
        }
        if (sink != null) {
            sink.closed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
