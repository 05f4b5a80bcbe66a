package org.postern.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.postern.common.address.ListenAddress;

/** A plain Netty server on an ephemeral loopback port, for driving the load driver in tests. */
final class LoopbackServer implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel channel;

  /** Serves connections set up by {@code initializer} on 127.0.0.1. */
  LoopbackServer(ChannelHandler initializer) throws InterruptedException {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    channel =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(initializer)
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  /** Where it listens. */
  ListenAddress address() {
    return new ListenAddress.Inet(
        "127.0.0.1", ((InetSocketAddress) channel.localAddress()).getPort());
  }

  @Override
  public void close() {
    // Not InterruptedException: try-with-resources would warn, and -Werror fails on it.
    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
