package org.postern.milter.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.reply.MilterReply;

class RoundTripTest {

  @Property
  void everyCommandSurvivesEncodeThenDecodeInAnySplit(
      @ForAll("commandLists") List<MilterCommand> commands,
      @ForAll @Size(max = 8) List<Integer> cuts) {
    byte[] bytes = Wire.concat(commands.stream().map(Wire::encodeCommand).toList());
    List<Object> decoded = Wire.decode(new MilterCommandDecoder(), bytes, cuts);
    assertThat(decoded).containsExactlyElementsOf(commands);
  }

  @Property
  void everyReplySurvivesEncodeThenDecodeInAnySplit(
      @ForAll("replyLists") List<MilterReply> replies, @ForAll @Size(max = 8) List<Integer> cuts) {
    byte[] bytes = Wire.concat(replies.stream().map(Wire::encodeReply).toList());
    List<Object> decoded = Wire.decode(new MilterReplyDecoder(), bytes, cuts);
    assertThat(decoded).containsExactlyElementsOf(replies);
  }

  @Property
  void theLengthPrefixCountsTheCodeAndTheData(@ForAll("commands") MilterCommand command) {
    byte[] bytes = Wire.encodeCommand(command);
    long length =
        ((bytes[0] & 0xFFL) << 24)
            | ((bytes[1] & 0xFF) << 16)
            | ((bytes[2] & 0xFF) << 8)
            | (bytes[3] & 0xFF);
    assertThat(length).isEqualTo(bytes.length - 4);
    assertThat((char) (bytes[4] & 0xFF)).isEqualTo(command.code());
  }

  @Provide
  Arbitrary<MilterCommand> commands() {
    return WireArbitraries.commands();
  }

  @Provide
  Arbitrary<List<MilterCommand>> commandLists() {
    return WireArbitraries.commands().list().ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<MilterReply>> replyLists() {
    return WireArbitraries.replies().list().ofMinSize(1).ofMaxSize(5);
  }
}
