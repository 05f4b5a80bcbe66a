package org.postern.milter.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.postern.common.stats.ServiceStats;
import org.postern.common.stats.StatsRegistry;
import org.postern.milter.codec.CommandFormat;
import org.postern.milter.codec.MilterReplyDecoder;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.handler.MilterHandler;
import org.postern.milter.reply.MilterReply;

/** A milter server on an EmbeddedChannel, fed encoded commands, its replies decoded again. */
final class ServerHarness implements AutoCloseable {
  /** What Postfix 3.7 offers: version 6, every action, every protocol bit. */
  static final MilterCommand.OptionNegotiation POSTFIX_OFFER =
      new MilterCommand.OptionNegotiation(6, 0x1ff, 0x1fffff);

  static final MilterCommand CONNECT =
      new MilterCommand.Connect("client.example", AddressFamily.INET, 40000, "192.0.2.7");
  static final MilterCommand HELO = new MilterCommand.Helo("client.example");
  static final MilterCommand MAIL = new MilterCommand.Mail("<a@example.org>", List.of());
  static final MilterCommand RCPT = new MilterCommand.Recipient("<b@example.net>", List.of());
  static final MilterCommand DATA = new MilterCommand.Data();
  static final MilterCommand HEADER = new MilterCommand.Header("Subject", " hi");
  static final MilterCommand EOH = new MilterCommand.EndOfHeaders();
  static final MilterCommand BODY = new MilterCommand.BodyChunk("hello\r\n".getBytes());
  static final MilterCommand EOM = new MilterCommand.EndOfMessage();

  final EmbeddedChannel channel;
  final ServiceStats stats;
  private final FlushCounter counter = new FlushCounter();

  ServerHarness(Supplier<? extends MilterHandler> handlers) {
    this(handlers, Duration.ofSeconds(30));
  }

  ServerHarness(Supplier<? extends MilterHandler> handlers, Duration stageTimeout) {
    this.stats = new StatsRegistry().service("milter");
    MilterServer server =
        MilterServer.builder(handlers).stageTimeout(stageTimeout).stats(stats).build();
    channel = new EmbeddedChannel(counter, server);
  }

  ServerHarness(MilterServer server) {
    this.stats = new StatsRegistry().service("unused");
    channel = new EmbeddedChannel(counter, server);
  }

  static MilterCommand macro(char code, String name, String value) {
    return new MilterCommand.MacroDefinition(code, Map.of(name, value));
  }

  /** Sends the commands in one inbound buffer and returns the replies written since. */
  List<MilterReply> send(MilterCommand... commands) {
    ByteBuf buffer = Unpooled.buffer();
    for (MilterCommand command : commands) {
      CommandFormat.write(command, buffer);
    }
    channel.writeInbound(buffer);
    channel.runPendingTasks();
    return replies();
  }

  /** The replies written since the last call, decoded. */
  List<MilterReply> replies() {
    EmbeddedChannel decoder = new EmbeddedChannel(new MilterReplyDecoder());
    ByteBuf piece;
    while ((piece = channel.readOutbound()) != null) {
      decoder.writeInbound(piece);
    }
    List<MilterReply> replies = new ArrayList<>();
    Object reply;
    while ((reply = decoder.readInbound()) != null) {
      replies.add((MilterReply) reply);
    }
    decoder.finishAndReleaseAll();
    return replies;
  }

  /** Flushes seen since the last call. */
  int takeFlushes() {
    int flushes = counter.flushes;
    counter.flushes = 0;
    return flushes;
  }

  long counter(String name) {
    return stats.counter(name).value();
  }

  @Override
  public void close() {
    channel.finishAndReleaseAll();
  }

  /** Counts flushes on their way to the socket. */
  private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
    int flushes;

    @Override
    public void flush(ChannelHandlerContext context) {
      flushes++;
      context.flush();
    }
  }
}
