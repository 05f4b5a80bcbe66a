package org.postern.examples.milter;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.milter.codec.MilterCommandDecoder;
import org.postern.milter.codec.MilterReplyEncoder;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.NegotiationReply;
import org.postern.milter.reply.ReplyCode;
import org.postern.milter.reply.Verdict;

class CheckWithMilterTest {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final List<MilterCommand> received = new CopyOnWriteArrayList<>();
  private Channel server;
  private volatile boolean rejectSpam;

  @BeforeEach
  void startFakeMilter() {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    channel
                        .pipeline()
                        .addLast(
                            new MilterCommandDecoder(), new MilterReplyEncoder(), new Answers());
                  }
                })
            .bind("127.0.0.1", 0)
            .syncUninterruptibly()
            .channel();
  }

  @AfterEach
  void stop() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private String address() {
    return "inet:127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Tags the subject, and rejects messages whose subject says spam. */
  private final class Answers extends SimpleChannelInboundHandler<MilterCommand> {
    @Override
    protected void channelRead0(ChannelHandlerContext context, MilterCommand command) {
      received.add(command);
      if (command instanceof MilterCommand.OptionNegotiation offer) {
        context.writeAndFlush(new NegotiationReply(6, offer.actions(), 0));
      } else if (command instanceof MilterCommand.Header header
          && header.name().equals("Subject")
          && header.value().contains("spam")) {
        rejectSpam = true;
        context.writeAndFlush(new Verdict.Continue());
      } else if (command instanceof MilterCommand.EndOfMessage) {
        if (rejectSpam) {
          context.writeAndFlush(ReplyCode.of(550, "5.7.1", "looks like spam"));
        } else {
          context.write(new MessageModification.ChangeHeader(1, "Subject", "[checked] hello"));
          context.writeAndFlush(new Verdict.Accept());
        }
      } else if (!(command instanceof MilterCommand.MacroDefinition
          || command instanceof MilterCommand.Quit)) {
        context.writeAndFlush(new Verdict.Continue());
      }
    }
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        CheckWithMilter.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsTheVerdictAndTheModifications(@TempDir Path directory) throws Exception {
    Path message = directory.resolve("message.eml");
    Files.writeString(message, "From: a@example.test\nSubject: hello\n\nbody\n");
    Run run = run(address(), message.toString(), "<a@example.test>", "<b@example.test>");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("verdict: Accept[]")
        .contains("modification: ChangeHeader[index=1, name=Subject, value=[checked] hello]");
    assertThat(received)
        .contains(
            new MilterCommand.Mail("<a@example.test>", List.of()),
            new MilterCommand.Recipient("<b@example.test>", List.of()),
            new MilterCommand.Header("Subject", "hello"));
  }

  @Test
  void exitsOneWhenTheMilterRejects(@TempDir Path directory) throws Exception {
    Path message = directory.resolve("spam.eml");
    Files.writeString(message, "Subject: cheap spam\n\nbuy\n");
    Run run = run(address(), message.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("verdict: ReplyCode[smtpCode=550, enhancedStatus=5.7.1");
  }

  @Test
  void reportsBadArgumentsAndUnreachableMilters(@TempDir Path directory) throws Exception {
    assertThat(run(address()).status()).isEqualTo(2);
    assertThat(run("nonsense", "x").err()).contains("cannot start");
    Path message = directory.resolve("m.eml");
    Files.writeString(message, "Subject: x\n\ny\n");
    Run unreachable = run("unix:" + directory.resolve("none.sock"), message.toString());
    assertThat(unreachable.status()).isEqualTo(3);
    assertThat(unreachable.err()).contains("cannot connect");
  }
}
