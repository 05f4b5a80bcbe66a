package org.postern.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PolicyCodecPropertiesTest {

  @Provide
  Arbitrary<Map<String, String>> attributes() {
    Arbitrary<String> names =
        Arbitraries.strings()
            .withChars("abcdefghijklmnopqrstuvwxyz_")
            .ofMinLength(1)
            .ofMaxLength(20)
            .filter(name -> !name.equals("request"));
    Arbitrary<String> values =
        Arbitraries.strings()
            .all()
            .ofMaxLength(60)
            .map(
                value ->
                    value
                        .replace("\n", "")
                        .replace("\r", "")
                        .replaceAll("[\\x{D800}-\\x{DFFF}]", ""));
    return Combinators.combine(
            names.list().uniqueElements().ofMaxSize(30), values.list().ofSize(30))
        .as(
            (keys, vals) -> {
              Map<String, String> map = new LinkedHashMap<>();
              map.put("request", PolicyRequest.SMTPD_ACCESS_POLICY);
              for (int i = 0; i < keys.size(); i++) {
                map.put(keys.get(i), vals.get(i));
              }
              return map;
            });
  }

  @Property
  void requestsRoundTripThroughTheDecoderInAnyChunking(
      @ForAll("attributes") Map<String, String> attributes,
      @ForAll @IntRange(min = 1, max = 50) int chunk) {
    PolicyRequest original = new PolicyRequest(attributes);
    byte[] wire = original.encode();
    EmbeddedChannel channel =
        new EmbeddedChannel(new PolicyRequestDecoder(PolicyLimits.defaults()));
    for (int offset = 0; offset < wire.length; offset += chunk) {
      channel.writeInbound(
          Unpooled.wrappedBuffer(wire, offset, Math.min(chunk, wire.length - offset)));
    }
    PolicyRequest decoded = channel.readInbound();
    assertThat(decoded).isEqualTo(original);
    assertThat(decoded.attributes().keySet()).containsExactlyElementsOf(attributes.keySet());
    Object rest = channel.readInbound();
    assertThat(rest).isNull();
  }

  @Property
  void randomBytesNeverGetAReply(@ForAll @Size(max = 400) List<Byte> input) {
    byte[] bytes = new byte[input.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = input.get(i);
    }
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new PolicyChannelInitializer(
                request -> CompletableFuture.completedFuture(PolicyAction.dunno())));
    try {
      channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    } catch (DecoderException e) {
      // a typed error is an acceptable outcome too
    }
    List<Object> replies = new ArrayList<>();
    Object out;
    while ((out = channel.readOutbound()) != null) {
      if (out instanceof ByteBuf buffer) {
        if (buffer.isReadable()) {
          replies.add(buffer.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        buffer.release();
      }
    }
    assertThat(replies).isEmpty();
  }
}
