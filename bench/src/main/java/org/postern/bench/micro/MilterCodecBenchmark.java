package org.postern.bench.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.postern.milter.codec.CommandFormat;
import org.postern.milter.codec.MilterCommandDecoder;
import org.postern.milter.codec.MilterReplyDecoder;
import org.postern.milter.codec.ReplyFormat;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.MilterReply;
import org.postern.milter.reply.Verdict;

/**
 * Milter frames of one whole 2 KiB message as Postfix sends them (CONNECT to end of message, 14
 * frames), decoded by the server's decoder and encoded by the client's writer; and the reply burst
 * at end of message (two header changes and the verdict) encoded by the server and decoded by the
 * client. Times are per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MilterCodecBenchmark {
  private static final int BODY_SIZE = 2048 - 300;

  private List<MilterCommand> transaction;
  private List<MilterReply> replyBurst;
  private ByteBuf encodedTransaction;
  private ByteBuf encodedReplyBurst;
  private EmbeddedChannel commandDecoder;
  private EmbeddedChannel replyDecoder;

  /** The frames of one message, and channels holding just the decoders. */
  @Setup
  public void setUp() {
    byte[] body = new byte[BODY_SIZE];
    Arrays.fill(body, (byte) 'x');
    for (int i = 76; i + 1 < body.length; i += 78) {
      body[i] = '\r';
      body[i + 1] = '\n';
    }
    transaction =
        List.of(
            new MilterCommand.Connect("client.test", AddressFamily.INET, 40000, "192.0.2.1"),
            new MilterCommand.Helo("client.test"),
            new MilterCommand.Mail("<sender@client.test>", List.of("SIZE=2048")),
            new MilterCommand.Recipient("<rcpt@example.test>", List.of()),
            new MilterCommand.Data(),
            new MilterCommand.Header("Received", "from client.test (client.test [192.0.2.1])"),
            new MilterCommand.Header("From", "Sender <sender@client.test>"),
            new MilterCommand.Header("To", "Recipient <rcpt@example.test>"),
            new MilterCommand.Header("Subject", "load test message"),
            new MilterCommand.Header("Date", "Wed, 25 Nov 2026 17:00:00 +0000"),
            new MilterCommand.Header("Message-ID", "<10000000000@client.test>"),
            new MilterCommand.EndOfHeaders(),
            new MilterCommand.BodyChunk(body),
            new MilterCommand.EndOfMessage());
    replyBurst =
        List.of(
            new MessageModification.AddHeader("X-Postern-Milter", "checked"),
            new MessageModification.ChangeHeader(1, "Subject", "[external] load test message"),
            new Verdict.Accept());
    encodedTransaction = Unpooled.unreleasableBuffer(encodeCommands(Unpooled.buffer()));
    encodedReplyBurst = Unpooled.unreleasableBuffer(encodeReplies(Unpooled.buffer()));
    commandDecoder = new EmbeddedChannel(new MilterCommandDecoder());
    replyDecoder = new EmbeddedChannel(new MilterReplyDecoder());
  }

  /** Releases the channels. */
  @TearDown
  public void tearDown() {
    commandDecoder.finishAndReleaseAll();
    replyDecoder.finishAndReleaseAll();
  }

  /** Server side: frames and parses the 14 commands of one message. */
  @Benchmark
  public void decodeMessageCommands(Blackhole blackhole) {
    commandDecoder.writeInbound(encodedTransaction.duplicate());
    drain(commandDecoder, blackhole);
  }

  /** Client side: writes the 14 commands of one message into one pooled buffer. */
  @Benchmark
  public int encodeMessageCommands() {
    ByteBuf out = encodeCommands(ByteBufAllocator.DEFAULT.buffer(2560));
    int length = out.readableBytes();
    out.release();
    return length;
  }

  /** Server side: writes the end-of-message reply burst into one pooled buffer. */
  @Benchmark
  public int encodeReplyBurst() {
    ByteBuf out = encodeReplies(ByteBufAllocator.DEFAULT.buffer(256));
    int length = out.readableBytes();
    out.release();
    return length;
  }

  /** Client side: frames and parses the end-of-message reply burst. */
  @Benchmark
  public void decodeReplyBurst(Blackhole blackhole) {
    replyDecoder.writeInbound(encodedReplyBurst.duplicate());
    drain(replyDecoder, blackhole);
  }

  private ByteBuf encodeCommands(ByteBuf out) {
    for (MilterCommand command : transaction) {
      CommandFormat.write(command, out);
    }
    return out;
  }

  private ByteBuf encodeReplies(ByteBuf out) {
    for (MilterReply reply : replyBurst) {
      ReplyFormat.write(reply, out);
    }
    return out;
  }

  private static void drain(EmbeddedChannel channel, Blackhole blackhole) {
    Object message;
    while ((message = channel.readInbound()) != null) {
      blackhole.consume(message);
    }
  }

  /** The commands of one message, as built for the benchmark. */
  List<MilterCommand> transaction() {
    return transaction;
  }

  /** The commands decoded from one message's encoded bytes, for a check outside JMH. */
  List<Object> decodeOnce() {
    commandDecoder.writeInbound(encodedTransaction.duplicate());
    List<Object> decoded = new ArrayList<>();
    Object message;
    while ((message = commandDecoder.readInbound()) != null) {
      decoded.add(message);
    }
    return decoded;
  }
}
