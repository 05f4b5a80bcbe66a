package org.postern.milter.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.postern.common.address.ListenAddress;
import org.postern.milter.codec.MilterCommandDecoder;
import org.postern.milter.codec.MilterReplyEncoder;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.reply.NegotiationReply;
import org.postern.milter.reply.Verdict;

/**
 * A scripted milter on loopback: records every command and answers what the script returns
 * (replies, raw ByteBufs, {@link Pause}s), each burst in one flush.
 */
final class FakeMilter implements AutoCloseable {
  /** Waits before sending the rest of the answer. */
  record Pause(Duration duration) {}

  /** Closes the connection instead of answering further. */
  record Hangup() {}

  /** The answer to one command. */
  interface Script {
    List<Object> answer(MilterCommand command);
  }

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final ListenAddress address;
  private final List<MilterCommand> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger closedConnections = new AtomicInteger();
  private volatile Script script;

  private FakeMilter(ListenAddress bindTo, Script script) {
    this.script = script;
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    connections.incrementAndGet();
                    channel.closeFuture().addListener(f -> closedConnections.incrementAndGet());
                    channel
                        .pipeline()
                        .addLast(
                            new MilterCommandDecoder(), new MilterReplyEncoder(), new Answerer());
                  }
                });
    bootstrap.channel(
        bindTo instanceof ListenAddress.Unix
            ? NioServerDomainSocketChannel.class
            : NioServerSocketChannel.class);
    server = bootstrap.bind(bindTo.toSocketAddress()).syncUninterruptibly().channel();
    address =
        bindTo instanceof ListenAddress.Unix
            ? bindTo
            : new ListenAddress.Inet(
                "127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort());
  }

  static FakeMilter onLoopback(Script script) {
    return new FakeMilter(new ListenAddress.Inet("127.0.0.1", 0), script);
  }

  static FakeMilter onUnixSocket(Path path, Script script) {
    return new FakeMilter(new ListenAddress.Unix(path), script);
  }

  /**
   * A libmilter-like answer: takes every offered action and the offered part of {@code protocol},
   * CONTINUE unless NR, ACCEPT at end of message.
   */
  static List<Object> standard(MilterCommand command, int protocol) {
    if (command instanceof MilterCommand.OptionNegotiation offer) {
      return List.of(new NegotiationReply(6, offer.actions(), protocol & offer.protocol()));
    }
    if (command instanceof MilterCommand.MacroDefinition
        || command instanceof MilterCommand.Abort
        || command instanceof MilterCommand.Quit
        || command instanceof MilterCommand.QuitNewConnection) {
      return List.of();
    }
    if (command instanceof MilterCommand.EndOfMessage) {
      return List.of(new Verdict.Accept());
    }
    ProtocolFlag noReply = noReplyFlag(command);
    if (noReply != null && noReply.isSetIn(protocol)) {
      return List.of();
    }
    return List.of(new Verdict.Continue());
  }

  private static ProtocolFlag noReplyFlag(MilterCommand command) {
    for (ClientStep step : ClientStep.values()) {
      if (codeOf(step) == command.code()) {
        return step.noReply().orElse(null);
      }
    }
    return null;
  }

  private static char codeOf(ClientStep step) {
    switch (step) {
      case CONNECT:
        return 'C';
      case HELO:
        return 'H';
      case MAIL:
        return 'M';
      case RCPT:
        return 'R';
      case DATA:
        return 'T';
      case HEADER:
        return 'L';
      case END_OF_HEADERS:
        return 'N';
      case BODY:
        return 'B';
      case UNKNOWN:
        return 'U';
      default:
        return 0;
    }
  }

  ListenAddress address() {
    return address;
  }

  void script(Script newScript) {
    this.script = newScript;
  }

  List<MilterCommand> received() {
    return new ArrayList<>(received);
  }

  /** The codes of the received commands, e.g. "OCHMRTLNBE". */
  String receivedCodes() {
    StringBuilder codes = new StringBuilder();
    received.forEach(command -> codes.append(command.code()));
    return codes.toString();
  }

  <T extends MilterCommand> List<T> received(Class<T> type) {
    List<T> matching = new ArrayList<>();
    for (MilterCommand command : received) {
      if (type.isInstance(command)) {
        matching.add(type.cast(command));
      }
    }
    return matching;
  }

  int connections() {
    return connections.get();
  }

  /** Waits until every accepted connection was closed, so everything sent has been read. */
  void awaitAllClosed() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (closedConnections.get() < connections.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "connections still open: " + connections + " vs " + closedConnections);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  int closedConnections() {
    return closedConnections.get();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    if (address instanceof ListenAddress.Unix unix) {
      try {
        Files.deleteIfExists(unix.path());
      } catch (java.io.IOException ignored) {
        // A leftover socket file in a temp directory does no harm.
      }
    }
  }

  private final class Answerer extends SimpleChannelInboundHandler<MilterCommand> {
    @Override
    protected void channelRead0(ChannelHandlerContext context, MilterCommand command) {
      received.add(command);
      send(context, script.answer(command), 0);
    }

    private void send(ChannelHandlerContext context, List<Object> answer, int from) {
      for (int i = from; i < answer.size(); i++) {
        Object item = answer.get(i);
        if (item instanceof Pause pause) {
          context.flush();
          int rest = i + 1;
          context
              .executor()
              .schedule(
                  () -> send(context, answer, rest),
                  pause.duration().toMillis(),
                  TimeUnit.MILLISECONDS);
          return;
        }
        if (item instanceof Hangup) {
          context.flush();
          context.close();
          return;
        }
        context.write(item);
      }
      context.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      context.close();
    }
  }
}
