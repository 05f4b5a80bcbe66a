package org.postern.bench.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
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
import org.postern.socketmap.NetstringDecoder;
import org.postern.socketmap.NetstringEncoder;
import org.postern.socketmap.SocketmapReply;
import org.postern.socketmap.SocketmapRequest;

/** Netstring decode of a socketmap request and encode of its reply, through a Netty pipeline. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NetstringBenchmark {
  private static final String REQUEST = "forward someone.with.a.long.name@foreign-domain.test";
  private static final String REPLY =
      "OK SRS0=vmyz=2W=foreign-domain.test=someone.with.a.long.name@example.com";

  private EmbeddedChannel decoder;
  private EmbeddedChannel encoder;
  private ByteBuf encodedRequest;

  /** Channels holding just the codec under test. */
  @Setup
  public void setUp() {
    decoder = new EmbeddedChannel(new NetstringDecoder(SocketmapRequest.POSTFIX_MAX_LENGTH));
    encoder = new EmbeddedChannel(new NetstringEncoder(SocketmapReply.POSTFIX_MAX_LENGTH));
    byte[] payload = REQUEST.getBytes(StandardCharsets.UTF_8);
    encodedRequest =
        Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer(payload.length + ":" + REQUEST + ",", StandardCharsets.UTF_8));
  }

  /** Releases the channels. */
  @TearDown
  public void tearDown() {
    decoder.finishAndReleaseAll();
    encoder.finishAndReleaseAll();
  }

  /** Frames one request netstring into its payload. */
  @Benchmark
  public Object decode() {
    decoder.writeInbound(encodedRequest.duplicate());
    return decoder.readInbound();
  }

  /** Writes one reply netstring. */
  @Benchmark
  public int encode() {
    encoder.writeOutbound(REPLY);
    ByteBuf out = encoder.readOutbound();
    int length = out.readableBytes();
    out.release();
    return length;
  }
}
