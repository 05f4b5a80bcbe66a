package org.postern.milter.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postern.milter.codec.MilterProtocolException.Reason;
import org.postern.milter.command.MilterCommand;

class DecoderErrorTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET / HTTP/1.1\r\n",
        "POST /x HTTP/1.1\r\n",
        "HEAD / HTTP/1.0\r\n",
        "EHLO client.example\r\n",
        "HELO client\r\n",
        "PUT /"
      })
  void textAtTheMilterPortIsNamedAsAnotherProtocol(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    for (boolean commandSide : new boolean[] {true, false}) {
      Throwable thrown =
          catchThrowable(
              () ->
                  Wire.decode(
                      commandSide ? new MilterCommandDecoder() : new MilterReplyDecoder(),
                      bytes,
                      List.of(2)));
      assertThat(thrown)
          .isInstanceOf(MilterProtocolException.class)
          .hasMessageContaining("'" + text.substring(0, 4) + "'")
          .hasMessageContaining("another protocol");
      assertThat(((MilterProtocolException) thrown).reason()).isEqualTo(Reason.FOREIGN_PROTOCOL);
    }
  }

  @Test
  void aFrameOverTheLimitIsRefusedBeforeItsDataArrives() {
    byte[] header = {0x00, 0x10, 0x00, 0x01, 'B'};
    assertReason(new MilterCommandDecoder(), header, Reason.FRAME_TOO_LARGE, "1048577");
    byte[] small = {0x00, 0x00, 0x00, 0x11, 'B'};
    assertReason(new MilterCommandDecoder(16), small, Reason.FRAME_TOO_LARGE, "maximum of 16");
  }

  @Test
  void aFrameAtTheLimitIsAccepted() {
    byte[] frame = new byte[4 + 16];
    frame[3] = 16;
    frame[4] = 'B';
    assertThat(Wire.decode(new MilterCommandDecoder(16), frame, List.of()))
        .containsExactly(new MilterCommand.BodyChunk(new byte[15]));
  }

  @Test
  void theFrameLimitIsValidated() {
    assertThatThrownBy(() -> new MilterCommandDecoder(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MilterReplyDecoder(MilterFrameDecoder.MAX_FRAME_LENGTH_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "00000000", // zero length
        "000000015a", // unknown command 'Z'
        "0000000148", // HELO without data
      })
  void malformedCommandFramesAreTypedErrors(String hex) {
    assertReason(new MilterCommandDecoder(), ByteBufUtil.decodeHexDump(hex), Reason.MALFORMED, "");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "00000003486162", // HELO 'ab' without NUL
        "000000094f0000000600000001", // OPTNEG with two words
        "0000000843686f7374003400", // CONNECT inet4 with half a port
        "0000000a43686f73740034000061", // CONNECT address without NUL
        "00000006436800790000", // CONNECT unknown family 'y'
        "000000054c6e616d00", // HEADER without value
        "00000005444361007a", // MACRO value without NUL
        "0000000444436100", // MACRO name without value
        "000000025400", // DATA with a trailing byte
        "000000014d", // MAIL without sender
        "00000003440000", // MACRO with NUL command code
      })
  void malformedFieldsAreTypedErrors(String hex) {
    assertReason(new MilterCommandDecoder(), ByteBufUtil.decodeHexDump(hex), Reason.MALFORMED, "");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "000000015a", // unknown reply 'Z'
        "0000000261ff", // ACCEPT with data
        "0000000a79353530204e6f706500", // REPLYCODE without enhanced status
        "000000086900000001006e00", // INSHEADER with an empty name
        "00000009698000000061006200", // INSHEADER index of 2^31
        "000000012b", // ADDRCPT without recipient
        "000000024f00", // OPTNEG reply truncated
      })
  void malformedRepliesAreTypedErrors(String hex) {
    assertReason(new MilterReplyDecoder(), ByteBufUtil.decodeHexDump(hex), Reason.MALFORMED, "");
  }

  @Test
  void afterAViolationTheRestOfTheStreamIsDiscarded() {
    EmbeddedChannel channel = new EmbeddedChannel(new MilterCommandDecoder());
    assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 0})))
        .isInstanceOf(MilterProtocolException.class);
    channel.writeInbound(Unpooled.wrappedBuffer(Wire.encodeCommand(new MilterCommand.Abort())));
    Object next = channel.readInbound();
    assertThat(next).isNull();
    channel.finishAndReleaseAll();
  }

  @Property(tries = 300)
  void randomBytesOnlyEverRaiseTheCodecsOwnError(
      @ForAll @Size(max = 400) List<Byte> garbage,
      @ForAll @Size(max = 6) List<Integer> cuts,
      @ForAll boolean commandSide,
      @ForAll @IntRange(min = 1, max = 512) int limit) {
    byte[] bytes = toArray(garbage);
    feedExpectingOnlyProtocolErrors(bytes, cuts, commandSide, limit);
  }

  @Property(tries = 300)
  void corruptedValidFramesOnlyEverRaiseTheCodecsOwnError(
      @ForAll("commandBytes") byte[] frame,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll byte replacement,
      @ForAll @Size(max = 6) List<Integer> cuts) {
    byte[] corrupted = frame.clone();
    corrupted[position % corrupted.length] = replacement;
    feedExpectingOnlyProtocolErrors(
        corrupted, cuts, true, MilterFrameDecoder.DEFAULT_MAX_FRAME_LENGTH);
    feedExpectingOnlyProtocolErrors(
        corrupted, cuts, false, MilterFrameDecoder.DEFAULT_MAX_FRAME_LENGTH);
  }

  @Property(tries = 200)
  void memoryStaysBoundedByTheFrameLimitWhateverTheDeclaredLength(
      @ForAll @IntRange(min = 1, max = 4096) int limit,
      @ForAll @IntRange(min = 0, max = 0x1fffffff) int declaredLength,
      @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 1500) Integer> pieceSizes) {
    UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false, true);
    EmbeddedChannel channel = new EmbeddedChannel(new MilterCommandDecoder(limit));
    channel.config().setAllocator(allocator);
    ByteBuf header = Unpooled.buffer(5).writeInt(declaredLength).writeByte('B');
    List<byte[]> pieces = new ArrayList<>();
    pieces.add(ByteBufUtil.getBytes(header));
    for (int size : pieceSizes) {
      pieces.add(new byte[size]);
    }
    long bound = 2L * (limit + 4 + 1500);
    try {
      for (byte[] piece : pieces) {
        try {
          channel.writeInbound(Unpooled.wrappedBuffer(piece));
        } catch (MilterProtocolException expected) {
          // too large or zero: the point here is memory, not the verdict
        }
        Wire.drainInbound(channel, new ArrayList<>());
        assertThat(allocator.metric().usedHeapMemory()).isLessThanOrEqualTo(bound);
      }
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  @Provide
  Arbitrary<byte[]> commandBytes() {
    return WireArbitraries.commands().map(Wire::encodeCommand);
  }

  private static void feedExpectingOnlyProtocolErrors(
      byte[] bytes, List<Integer> cuts, boolean commandSide, int limit) {
    EmbeddedChannel channel =
        new EmbeddedChannel(
            commandSide ? new MilterCommandDecoder(limit) : new MilterReplyDecoder(limit));
    try {
      for (byte[] piece : Wire.pieces(bytes, cuts)) {
        try {
          channel.writeInbound(Unpooled.wrappedBuffer(piece));
        } catch (MilterProtocolException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
        Wire.drainInbound(channel, new ArrayList<>());
      }
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  private static void assertReason(
      MilterFrameDecoder decoder, byte[] bytes, Reason reason, String messagePart) {
    Throwable thrown = catchThrowable(() -> Wire.decode(decoder, bytes, List.of()));
    assertThat(thrown)
        .isInstanceOf(MilterProtocolException.class)
        .hasMessageContaining(messagePart);
    assertThat(((MilterProtocolException) thrown).reason()).isEqualTo(reason);
  }

  private static byte[] toArray(List<Byte> values) {
    byte[] bytes = new byte[values.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = values.get(i);
    }
    return bytes;
  }
}
