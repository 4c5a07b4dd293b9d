package io.jenkins.plugins.buildkit.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.bootstrap.ServerBootstrap;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelInitializer;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.DefaultEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.local.LocalAddress;
import io.grpc.netty.shaded.io.netty.channel.local.LocalChannel;
import io.grpc.netty.shaded.io.netty.channel.local.LocalServerChannel;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC channel whose connections are byte streams from a {@link ByteStream.Dialer}: gRPC connects
 * to an in-memory address, and each connection accepted there is bridged to a freshly dialed stream.
 * This is how every driver that is not plain TCP or a unix socket reaches BuildKit.
 */
final class StreamChannel implements AutoCloseable {
    static {
        QuietNetty.apply();
    }

    private final DefaultEventLoopGroup loop = new DefaultEventLoopGroup(1, r -> {
        Thread t = new Thread(r, "buildkit-stream-loop");
        t.setDaemon(true);
        return t;
    });
    private final Channel acceptor;
    private final ManagedChannel channel;
    private volatile IOException lastDialError;

    StreamChannel(ByteStream.Dialer dialer, String authority, int maxInboundMessageSize) throws BuildKitException {
        LocalAddress address = new LocalAddress("buildkit-stream-" + UUID.randomUUID());
        try {
            acceptor = new ServerBootstrap().group(loop).channel(LocalServerChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childHandler(new ChannelInitializer<LocalChannel>() {
                        @Override
                        protected void initChannel(LocalChannel ch) {
                            ch.pipeline().addLast(new ForwardingHandler());
                            Thread dial = new Thread(() -> connect(ch, dialer), "buildkit-stream-dial");
                            dial.setDaemon(true);
                            dial.start();
                        }
                    })
                    .bind(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new BuildKitException("interrupted while setting up the connection", e);
        }
        channel = NettyChannelBuilder.forAddress(address)
                .channelType(LocalChannel.class)
                .eventLoopGroup(loop)
                .negotiationType(NegotiationType.PLAINTEXT)
                .overrideAuthority(authority)
                .maxInboundMessageSize(maxInboundMessageSize)
                .build();
    }

    private void connect(LocalChannel ch, ByteStream.Dialer dialer) {
        try {
            ByteStream stream = dialer.dial();
            lastDialError = null;
            ByteStreamBridge.attach(ch, stream);
            ch.config().setAutoRead(true);
        } catch (IOException | RuntimeException e) {
            lastDialError = e instanceof IOException ? (IOException) e : new IOException(e.getMessage(), e);
            ch.close();
        }
    }

    ManagedChannel channel() {
        return channel;
    }

    /** Why the last attempt to open a stream failed, or null. */
    IOException lastDialError() {
        return lastDialError;
    }

    /** Closes the in-memory side; the gRPC channel itself belongs to the client that shuts it down first. */
    @Override
    public void close() {
        acceptor.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
