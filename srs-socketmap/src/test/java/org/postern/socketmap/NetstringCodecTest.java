package org.postern.socketmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetstringCodecTest {
  private static final int LIMIT = SocketmapRequest.POSTFIX_MAX_LENGTH;

  private static EmbeddedChannel decoder() {
    return new EmbeddedChannel(new NetstringDecoder(LIMIT));
  }

  private static List<String> readAll(EmbeddedChannel channel) {
    List<String> payloads = new ArrayList<>();
    for (String payload; (payload = channel.readInbound()) != null; ) {
      payloads.add(payload);
    }
    return payloads;
  }

  private static ByteBuf bytes(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
  }

  @Test
  void decodesPipelinedNetstringsIncludingEmptyOnes() {
    EmbeddedChannel channel = decoder();
    channel.writeInbound(bytes("11:forward a@b,0:,6:héllo,"));
    assertThat(readAll(channel)).containsExactly("forward a@b", "", "héllo");
  }

  @Test
  void encodesTheByteLength() {
    EmbeddedChannel channel = new EmbeddedChannel(new NetstringEncoder(100));
    channel.writeOutbound("OK é");
    ByteBuf encoded = channel.readOutbound();
    assertThat(encoded.toString(StandardCharsets.UTF_8)).isEqualTo("5:OK é,");
    encoded.release();
  }

  @Test
  void refusesToEncodeMoreThanTheLimit() {
    EmbeddedChannel channel = new EmbeddedChannel(new NetstringEncoder(4));
    assertThatThrownBy(() -> channel.writeOutbound("OK ab"))
        .isInstanceOf(NetstringTooLongException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01:a,",
        "00:,",
        "a:",
        ":",
        "-1:",
        " 1:a,",
        "1 :a,",
        "5:hello;",
        "5:helloo,",
        "10001:",
        "100000",
        "3:abc,x"
      })
  void garbageIsATypedErrorAndTheRestIsDiscarded(String input) {
    EmbeddedChannel channel = decoder();
    assertThatThrownBy(() -> channel.writeInbound(bytes(input)))
        .isInstanceOf(MalformedNetstringException.class);
    readAll(channel); // frames that were complete before the garbage
    // Nothing after a framing error is trusted, even well-formed netstrings.
    channel.writeInbound(bytes("1:a,"));
    assertThat(readAll(channel)).isEmpty();
  }

  @Test
  void acceptsExactlyTheLimit() {
    EmbeddedChannel channel = decoder();
    String payload = "x".repeat(LIMIT);
    channel.writeInbound(bytes(LIMIT + ":" + payload + ","));
    assertThat(readAll(channel)).containsExactly(payload);
  }

  @Test
  void refusesOneByteOverTheLimitBeforeItArrives() {
    EmbeddedChannel channel = decoder();
    assertThatThrownBy(() -> channel.writeInbound(bytes((LIMIT + 1) + ":")))
        .isInstanceOf(MalformedNetstringException.class)
        .hasMessageContaining("limit");
  }

  @Provide
  Arbitrary<String> payloads() {
    return Arbitraries.strings().ofMaxLength(300);
  }

  @Property
  void roundTripsAcrossArbitraryChunkBoundaries(
      @ForAll @Size(max = 8) List<@From("payloads") String> payloads,
      @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 50) Integer> chunkSizes) {
    EmbeddedChannel encoder = new EmbeddedChannel(new NetstringEncoder(LIMIT * 10));
    ByteBuf wire = Unpooled.buffer();
    for (String payload : payloads) {
      encoder.writeOutbound(payload);
      ByteBuf encoded = encoder.readOutbound();
      wire.writeBytes(encoded);
      encoded.release();
    }
    EmbeddedChannel channel = new EmbeddedChannel(new NetstringDecoder(LIMIT * 10));
    int chunk = 0;
    while (wire.isReadable()) {
      int size = chunkSizes.isEmpty() ? 1 : chunkSizes.get(chunk++ % chunkSizes.size());
      channel.writeInbound(wire.readRetainedSlice(Math.min(size, wire.readableBytes())));
    }
    wire.release();
    assertThat(readAll(channel))
        .containsExactlyElementsOf(
            payloads.stream()
                .map(p -> new String(p.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .toList());
  }

  @Property
  void arbitraryBytesDecodeOrFailWithTheTypedErrorOnly(@ForAll @Size(max = 40) byte[] input) {
    EmbeddedChannel channel = decoder();
    try {
      channel.writeInbound(Unpooled.wrappedBuffer(input));
      readAll(channel);
      channel.checkException();
    } catch (MalformedNetstringException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
