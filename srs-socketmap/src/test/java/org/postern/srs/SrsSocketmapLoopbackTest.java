package org.postern.srs;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postern.socketmap.SocketmapChannelInitializer;

/** The socketmap over a real loopback TCP connection, as Postfix's persistent client uses it. */
class SrsSocketmapLoopbackTest {
  private EventLoopGroup group;
  private Channel server;

  @BeforeEach
  void start() throws Exception {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    SrsSocketmap socketmap = new SrsSocketmap(SrsFixtures.rewriter(SrsFixtures.VECTOR_TIME));
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new SocketmapChannelInitializer(socketmap))
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  @AfterEach
  void stop() throws Exception {
    server.close().sync();
    group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
  }

  private static String netstring(String payload) {
    return payload.getBytes(StandardCharsets.UTF_8).length + ":" + payload + ",";
  }

  private static String readNetstring(InputStream in) throws Exception {
    int length = 0;
    for (int b; (b = in.read()) != ':'; ) {
      if (b < 0) {
        throw new AssertionError("connection closed");
      }
      length = length * 10 + (b - '0');
    }
    byte[] payload = in.readNBytes(length);
    assertThat(in.read()).isEqualTo(',');
    return new String(payload, StandardCharsets.UTF_8);
  }

  @Test
  void answersPipelinedLookupsOnOnePersistentConnection() throws Exception {
    int port = ((InetSocketAddress) server.localAddress()).getPort();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      String pipelined =
          netstring("forward test@otherdomain.com")
              + netstring("reverse SRS0=vmyz=2W=otherdomain.com=test@example.com")
              + netstring("reverse SRS0=xxxx=2W=otherdomain.com=test@example.com");
      out.write(pipelined.getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(readNetstring(in)).isEqualTo("OK SRS0=vmyz=2W=otherdomain.com=test@example.com");
      assertThat(readNetstring(in)).isEqualTo("OK test@otherdomain.com");
      assertThat(readNetstring(in)).isEqualTo("NOTFOUND ");

      // Still open for the next lookup, then closed on a framing error.
      out.write(netstring("forward a@b.org").getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(readNetstring(in)).startsWith("OK SRS0=");
      out.write("x:".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      in.transferTo(rest);
      assertThat(rest.size()).isZero();
    }
  }
}
