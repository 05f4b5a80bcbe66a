package org.postern.common.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postern.common.address.ListenAddress;

class TransportTest {
  @TempDir Path directory;

  @Test
  void thePropertyForcesNioAndOtherwiseEpollWinsWhereItLoads() {
    assertThat(Transport.choose("nio", true)).isEqualTo(Transport.NIO);
    assertThat(Transport.choose(" NIO ", true)).isEqualTo(Transport.NIO);
    assertThat(Transport.choose(null, true)).isEqualTo(Transport.EPOLL);
    assertThat(Transport.choose("epoll", true)).isEqualTo(Transport.EPOLL);
    assertThat(Transport.choose("bogus", true)).isEqualTo(Transport.EPOLL);
    assertThat(Transport.choose("epoll", false)).isEqualTo(Transport.NIO);
    assertThat(Transport.choose(null, false)).isEqualTo(Transport.NIO);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void eventLoopsTellTheirTransport(Transport transport) throws Exception {
    assumeUsable(transport);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
    try {
      assertThat(Transport.of(group)).isEqualTo(transport);
      assertThat(Transport.of(group.next())).isEqualTo(transport);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void unixSocketAddressesFitTheTransport(Transport transport) {
    ListenAddress unix = new ListenAddress.Unix(directory.resolve("s.sock"));
    assertThat(transport.socketAddress(unix))
        .isInstanceOf(
            transport == Transport.EPOLL
                ? DomainSocketAddress.class
                : UnixDomainSocketAddress.class);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void echoesOverTcpAndUnixSockets(Transport transport) throws Exception {
    assumeUsable(transport);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, transport.ioHandlerFactory());
    try {
      for (ListenAddress address :
          new ListenAddress[] {
            ListenAddress.parse("inet:127.0.0.1:0"),
            new ListenAddress.Unix(directory.resolve(transport + ".sock"))
          }) {
        assertThat(echo(group, address)).isEqualTo("hello " + transport);
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void quickAcknowledgementIsHarmlessOnEveryChannel(Transport transport) throws Exception {
    assumeUsable(transport);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
    try {
      Channel server =
          new ServerBootstrap()
              .group(group)
              .channel(transport.serverChannel(ListenAddress.parse("inet:127.0.0.1:0")))
              .childHandler(new ChannelInboundHandlerAdapter())
              .bind(0)
              .sync()
              .channel();
      Channel client =
          new Bootstrap()
              .group(group)
              .channel(transport.clientChannel(ListenAddress.parse("inet:127.0.0.1:1")))
              .handler(new ChannelInboundHandlerAdapter())
              .connect(server.localAddress())
              .sync()
              .channel();
      Transport.acknowledgeQuickly(client);
      assertThat(client.isActive()).isTrue();
      client.close().sync();
      server.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  private static String echo(EventLoopGroup group, ListenAddress address) throws Exception {
    Transport transport = Transport.of(group);
    Channel server =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel(address))
            .childHandler(
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object message) {
                    ctx.writeAndFlush(message);
                  }
                })
            .bind(transport.socketAddress(address))
            .sync()
            .channel();
    CompletableFuture<String> answer = new CompletableFuture<>();
    Channel client =
        new Bootstrap()
            .group(group)
            .channel(transport.clientChannel(address))
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    channel
                        .pipeline()
                        .addLast(
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object message) {
                                ByteBuf bytes = (ByteBuf) message;
                                answer.complete(bytes.toString(StandardCharsets.US_ASCII));
                                bytes.release();
                              }
                            });
                  }
                })
            .connect(server.localAddress())
            .sync()
            .channel();
    try {
      client
          .writeAndFlush(Unpooled.copiedBuffer("hello " + transport, StandardCharsets.US_ASCII))
          .sync();
      return answer.get(5, TimeUnit.SECONDS);
    } finally {
      client.close().sync();
      server.close().sync();
    }
  }

  // The project ships epoll for Linux on x86-64 and arm64: there it must load; elsewhere only NIO.
  private static void assumeUsable(Transport transport) {
    if (transport == Transport.NIO) {
      return;
    }
    String arch = System.getProperty("os.arch");
    boolean shipped =
        System.getProperty("os.name").equals("Linux")
            && (arch.equals("amd64") || arch.equals("aarch64"));
    if (shipped) {
      assertThat(Epoll.isAvailable()).as("epoll: %s", Epoll.unavailabilityCause()).isTrue();
    }
    Assumptions.assumeTrue(Epoll.isAvailable(), "epoll is not shipped for this platform");
  }
}
