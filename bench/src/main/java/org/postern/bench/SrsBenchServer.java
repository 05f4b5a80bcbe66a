package org.postern.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.postern.common.address.ListenAddress;
import org.postern.socketmap.SocketmapChannelInitializer;
import org.postern.srs.SrsRewriter;
import org.postern.srs.SrsSocketmap;
import org.postern.srs.SrsTcpTable;
import org.postern.tcptable.TcpTableChannelInitializer;

/**
 * The SRS maps on a plain Netty server, socketmap and the two tcp_table ports, for load runs until
 * the common daemon bootstrap serves them. {@code main} is in {@link SrsBenchServerMain}.
 */
public final class SrsBenchServer implements AutoCloseable {
  private final EventLoopGroup group;
  private final List<Channel> channels;

  private SrsBenchServer(EventLoopGroup group, List<Channel> channels) {
    this.group = group;
    this.channels = channels;
  }

  /**
   * Serves {@code rewriter}: socketmap maps {@code forward}/{@code reverse} on {@code socketmap},
   * and tcp_table forward and reverse on their own addresses; absent addresses are not served.
   *
   * @param threads event-loop threads; 0 for Netty's default
   */
  public static SrsBenchServer start(
      SrsRewriter rewriter,
      Optional<ListenAddress> socketmap,
      Optional<ListenAddress> tcpTableForward,
      Optional<ListenAddress> tcpTableReverse,
      int threads)
      throws InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    List<Channel> channels = new ArrayList<>();
    SrsBenchServer server = new SrsBenchServer(group, channels);
    try {
      if (socketmap.isPresent()) {
        channels.add(
            bind(
                group,
                socketmap.get(),
                new SocketmapChannelInitializer(new SrsSocketmap(rewriter))));
      }
      if (tcpTableForward.isPresent()) {
        channels.add(
            bind(
                group,
                tcpTableForward.get(),
                new TcpTableChannelInitializer(SrsTcpTable.forward(rewriter))));
      }
      if (tcpTableReverse.isPresent()) {
        channels.add(
            bind(
                group,
                tcpTableReverse.get(),
                new TcpTableChannelInitializer(SrsTcpTable.reverse(rewriter))));
      }
    } catch (InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static Channel bind(EventLoopGroup group, ListenAddress address, ChannelHandler handler)
      throws InterruptedException {
    ServerBootstrap bootstrap = new ServerBootstrap().group(group).childHandler(handler);
    if (address instanceof ListenAddress.Unix unix) {
      try {
        Files.deleteIfExists(unix.path());
      } catch (IOException e) {
        throw new IllegalStateException("cannot remove stale socket " + unix.path(), e);
      }
      bootstrap.channel(NioServerDomainSocketChannel.class);
    } else {
      // Small request/reply pairs: Nagle would hold replies back for the peer's delayed ACK.
      bootstrap.channel(NioServerSocketChannel.class).childOption(ChannelOption.TCP_NODELAY, true);
    }
    return bootstrap.bind(address.toSocketAddress()).sync().channel();
  }

  /** Where each server socket is bound, in the order socketmap, forward, reverse (as given). */
  public List<SocketAddress> boundAddresses() {
    List<SocketAddress> addresses = new ArrayList<>();
    for (Channel channel : channels) {
      addresses.add(channel.localAddress());
    }
    return addresses;
  }

  /** Closes the server sockets and stops the event loops. */
  @Override
  public void close() {
    try {
      for (Channel channel : channels) {
        channel.close().await(5, TimeUnit.SECONDS);
      }
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
