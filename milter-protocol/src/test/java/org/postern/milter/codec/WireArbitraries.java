package org.postern.milter.codec;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.MilterReply;
import org.postern.milter.reply.NegotiationReply;
import org.postern.milter.reply.ReplyCode;
import org.postern.milter.reply.Verdict;

/** Generators for every command and reply, covering the whole octet range of strings. */
final class WireArbitraries {
  private WireArbitraries() {}

  static Arbitrary<String> octets() {
    return Arbitraries.strings().withCharRange('\u0001', '\u00ff').ofMaxLength(40);
  }

  static Arbitrary<String> nonEmptyOctets() {
    return Arbitraries.strings().withCharRange('\u0001', '\u00ff').ofMinLength(1).ofMaxLength(40);
  }

  static Arbitrary<String> headerNames() {
    return Arbitraries.strings()
        .withCharRange('!', '9')
        .withCharRange(';', '~')
        .ofMinLength(1)
        .ofMaxLength(30);
  }

  static Arbitrary<byte[]> bytes(int max) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(max);
  }

  static Arbitrary<MilterCommand> commands() {
    Arbitrary<MilterCommand> negotiation =
        Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), Arbitraries.integers())
            .as(MilterCommand.OptionNegotiation::new);
    Arbitrary<MilterCommand> macros =
        Combinators.combine(
                Arbitraries.chars().range('\u0001', '\u00ff'),
                Arbitraries.maps(nonEmptyOctets(), octets()).ofMaxSize(6))
            .as(MilterCommand.MacroDefinition::new);
    Arbitrary<MilterCommand> connect =
        Combinators.combine(
                octets(),
                Arbitraries.of(AddressFamily.INET, AddressFamily.INET6, AddressFamily.UNIX),
                Arbitraries.integers().between(0, 65535),
                octets())
            .as(MilterCommand.Connect::new);
    Arbitrary<MilterCommand> unknownConnect = octets().map(MilterCommand.Connect::unknown);
    Arbitrary<MilterCommand> mail =
        Combinators.combine(octets(), octets().list().ofMaxSize(4)).as(MilterCommand.Mail::new);
    Arbitrary<MilterCommand> rcpt =
        Combinators.combine(octets(), octets().list().ofMaxSize(4))
            .as(MilterCommand.Recipient::new);
    Arbitrary<MilterCommand> header =
        Combinators.combine(octets(), octets()).as(MilterCommand.Header::new);
    return Arbitraries.oneOf(
        List.of(
            negotiation,
            macros,
            connect,
            unknownConnect,
            octets().map(MilterCommand.Helo::new),
            mail,
            rcpt,
            Arbitraries.just(new MilterCommand.Data()),
            header,
            Arbitraries.just(new MilterCommand.EndOfHeaders()),
            bytes(3000).map(MilterCommand.BodyChunk::new),
            bytes(300).map(MilterCommand.EndOfMessage::new),
            Arbitraries.just(new MilterCommand.Abort()),
            octets().map(MilterCommand.UnknownCommand::new),
            Arbitraries.just(new MilterCommand.Quit()),
            Arbitraries.just(new MilterCommand.QuitNewConnection())));
  }

  static Arbitrary<ReplyCode> replyCodes() {
    Arbitrary<Integer> codes = Arbitraries.integers().between(400, 599);
    return codes.flatMap(
        code ->
            Combinators.combine(
                    Arbitraries.integers().between(0, 999),
                    Arbitraries.integers().between(0, 999),
                    Arbitraries.strings()
                        .withCharRange('\u0001', '\u00ff')
                        .excludeChars('\r', '\n')
                        .ofMaxLength(60)
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(5))
                .as(
                    (subject, detail, lines) ->
                        new ReplyCode(code, (code / 100) + "." + subject + "." + detail, lines)));
  }

  static Arbitrary<MilterReply> replies() {
    Arbitrary<List<String>> macroNames =
        Arbitraries.strings()
            .withCharRange('!', '~')
            .ofMinLength(1)
            .ofMaxLength(12)
            .list()
            .ofMaxSize(5);
    Arbitrary<MilterReply> negotiation =
        Combinators.combine(
                Arbitraries.integers(),
                Arbitraries.integers(),
                Arbitraries.integers(),
                Arbitraries.maps(Arbitraries.of(MacroStage.class), macroNames).ofMaxSize(7))
            .as(NegotiationReply::new);
    Arbitrary<Integer> indexes = Arbitraries.integers().between(0, Integer.MAX_VALUE);
    return Arbitraries.oneOf(
        List.of(
            negotiation,
            Arbitraries.of(
                new Verdict.Accept(),
                new Verdict.Continue(),
                new Verdict.Reject(),
                new Verdict.Tempfail(),
                new Verdict.Discard(),
                new Verdict.Skip(),
                new Verdict.Shutdown(),
                new Verdict.ConnectionFailure(),
                new MilterReply.Progress()),
            replyCodes().map(MilterReply.class::cast),
            Combinators.combine(headerNames(), octets()).as(MessageModification.AddHeader::new),
            Combinators.combine(indexes, headerNames(), octets())
                .as(MessageModification.InsertHeader::new),
            Combinators.combine(indexes, headerNames(), octets())
                .as(MessageModification.ChangeHeader::new),
            nonEmptyOctets().map(MessageModification.AddRecipient::new),
            Combinators.combine(nonEmptyOctets(), octets())
                .as(MessageModification.AddRecipientWithArguments::new),
            nonEmptyOctets().map(MessageModification.DeleteRecipient::new),
            bytes(3000).map(MessageModification.ReplaceBody::new),
            Combinators.combine(nonEmptyOctets(), octets()).as(MessageModification.ChangeFrom::new),
            nonEmptyOctets().map(MessageModification.Quarantine::new)));
  }
}
