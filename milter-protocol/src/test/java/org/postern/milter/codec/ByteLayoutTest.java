package org.postern.milter.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.NegotiationReply;
import org.postern.milter.reply.ReplyCode;

/** Frames written out by hand from libmilter's mfdef.h and Postfix's milter8.c. */
class ByteLayoutTest {

  @Test
  void postfixOptionNegotiation() {
    // version 6, every action Postfix offers (0x1ff), every protocol bit (0x1fffff)
    assertCommand(
        new MilterCommand.OptionNegotiation(6, 0x1ff, 0x1fffff),
        "0000000d" + "4f" + "00000006" + "000001ff" + "001fffff");
  }

  @Test
  void connectForEveryFamily() {
    assertCommand(
        new MilterCommand.Connect("mx.example", AddressFamily.INET, 25, "192.0.2.1"),
        "00000019" + "43" + hex("mx.example\0") + "34" + "0019" + hex("192.0.2.1\0"));
    assertCommand(
        new MilterCommand.Connect("[2001:db8::1]", AddressFamily.INET6, 0x1234, "2001:db8::1"),
        "0000001e" + "43" + hex("[2001:db8::1]\0") + "36" + "1234" + hex("2001:db8::1\0"));
    assertCommand(
        new MilterCommand.Connect("localhost", AddressFamily.UNIX, 0, "/run/smtp.sock"),
        "0000001d" + "43" + hex("localhost\0") + "4c" + "0000" + hex("/run/smtp.sock\0"));
    assertCommand(
        MilterCommand.Connect.unknown("unknown"), "0000000a" + "43" + hex("unknown\0") + "55");
  }

  @Test
  void macrosMailAndRecipientAsNulSeparatedStrings() {
    Map<String, String> macros = new LinkedHashMap<>();
    macros.put("j", "mx");
    macros.put("{daemon_name}", "smtpd");
    assertCommand(
        new MilterCommand.MacroDefinition('C', macros),
        "0000001b" + "44" + "43" + hex("j\0mx\0{daemon_name}\0smtpd\0"));
    assertCommand(
        new MilterCommand.Mail("<a@example.org>", List.of("SIZE=100", "BODY=8BITMIME")),
        "00000028" + "4d" + hex("<a@example.org>\0SIZE=100\0BODY=8BITMIME\0"));
    assertCommand(
        new MilterCommand.Recipient("<b@example.net>", List.of()),
        "00000011" + "52" + hex("<b@example.net>\0"));
  }

  @Test
  void stepsWithoutData() {
    assertCommand(new MilterCommand.Data(), "00000001" + "54");
    assertCommand(new MilterCommand.EndOfHeaders(), "00000001" + "4e");
    assertCommand(new MilterCommand.EndOfMessage(), "00000001" + "45");
    assertCommand(new MilterCommand.Abort(), "00000001" + "41");
    assertCommand(new MilterCommand.Quit(), "00000001" + "51");
    assertCommand(new MilterCommand.QuitNewConnection(), "00000001" + "4b");
  }

  @Test
  void headerBodyAndUnknown() {
    assertCommand(
        new MilterCommand.Header("Subject", "hi"), "0000000c" + "4c" + hex("Subject\0hi\0"));
    assertCommand(
        new MilterCommand.BodyChunk(new byte[] {'x', '\r', '\n'}), "00000004" + "42" + "780d0a");
    assertCommand(new MilterCommand.EndOfMessage(new byte[] {'y'}), "00000002" + "45" + "79");
    assertCommand(new MilterCommand.UnknownCommand("XYZZY"), "00000007" + "55" + hex("XYZZY\0"));
  }

  @Test
  void negotiationReplyWithMacroLists() {
    Map<MacroStage, List<String>> lists = new LinkedHashMap<>();
    lists.put(MacroStage.CONNECT, List.of("j", "{client_addr}"));
    lists.put(MacroStage.END_OF_MESSAGE, List.of("i"));
    assertReply(
        new NegotiationReply(6, 0x101, 0x1000, lists),
        "00000027"
            + "4f"
            + "00000006"
            + "00000101"
            + "00001000"
            + "00000000"
            + hex("j {client_addr}\0")
            + "00000005"
            + hex("i\0"));
  }

  @Test
  void modificationLayouts() {
    assertReply(
        new MessageModification.InsertHeader(0, "X-A", "b"),
        "0000000b" + "69" + "00000000" + hex("X-A\0b\0"));
    assertReply(
        new MessageModification.ChangeHeader(2, "X-A", ""),
        "0000000a" + "6d" + "00000002" + hex("X-A\0\0"));
    assertReply(
        new MessageModification.AddRecipientWithArguments("<c@d>", ""),
        "00000007" + "32" + hex("<c@d>\0"));
    assertReply(
        new MessageModification.ChangeFrom("<e@f>", "SIZE=1"),
        "0000000e" + "65" + hex("<e@f>\0SIZE=1\0"));
    assertReply(
        ReplyCode.of(550, "5.7.1", "100% sure"), "00000016" + "79" + hex("550 5.7.1 100%% sure\0"));
  }

  @Test
  void replaceBodyIsSplitIntoChunksOfAtMost65535Bytes() {
    List<MessageModification.ReplaceBody> chunks =
        MessageModification.ReplaceBody.chunks(new byte[65535 * 2 + 1]);
    assertThat(chunks)
        .extracting(MessageModification.ReplaceBody::length)
        .containsExactly(65535, 65535, 1);
    assertThat(MessageModification.ReplaceBody.chunks(new byte[0])).hasSize(1);
  }

  private static void assertCommand(MilterCommand command, String hexFrame) {
    assertThat(ByteBufUtil.hexDump(Wire.encodeCommand(command))).isEqualTo(hexFrame);
    assertThat(
            Wire.decode(new MilterCommandDecoder(), ByteBufUtil.decodeHexDump(hexFrame), List.of()))
        .containsExactly(command);
  }

  private static void assertReply(org.postern.milter.reply.MilterReply reply, String hexFrame) {
    assertThat(ByteBufUtil.hexDump(Wire.encodeReply(reply))).isEqualTo(hexFrame);
    assertThat(
            Wire.decode(new MilterReplyDecoder(), ByteBufUtil.decodeHexDump(hexFrame), List.of()))
        .containsExactly(reply);
  }

  private static String hex(String text) {
    return ByteBufUtil.hexDump(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
  }
}
