package org.postern.dkim.milter;

import java.io.ByteArrayInputStream;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postern.dkim.dns.KeyLookup;
import org.postern.dkim.keys.SigningKey;
import org.postern.dkim.message.HeaderField;
import org.postern.dkim.signing.DkimSigner;
import org.postern.dkim.signing.SigningSession;
import org.postern.dkim.verification.DkimResult;
import org.postern.dkim.verification.DkimVerifier;
import org.postern.milter.client.MessageContent;
import org.postern.milter.client.MilterResult;
import org.postern.milter.reply.MessageModification;

/** Signs and verifies messages with the library itself, to check what the DKIM filters did. */
final class DkimTestMessages {
  private DkimTestMessages() {}

  /**
   * {@code message} signed by the library with {@code key} as {@code selector._domainkey.domain}.
   */
  static MessageContent signedByLibrary(
      MessageContent message, PrivateKey key, String domain, String selector) throws Exception {
    SigningSession session =
        DkimSigner.builder().key(SigningKey.of(domain, selector, key)).build().newSession();
    for (MessageContent.Header header : message.headers()) {
      // Folded values cross the milter protocol with LF; DKIM hashes them with CRLF.
      session.header(new HeaderField(header.name(), header.value().replace("\n", "\r\n")));
    }
    session.body(message.body());
    List<MessageModification> signatures = new ArrayList<>();
    for (HeaderField field : session.finish()) {
      signatures.add(
          new MessageModification.InsertHeader(
              0, field.name(), field.value().replace("\r\n", "\n")));
    }
    return message.apply(signatures, true);
  }

  /** The library's verdict on each signature of {@code message}, keys from {@code dns}. */
  static List<DkimResult> verify(KeyLookup dns, byte[] message) throws Exception {
    return DkimVerifier.builder(dns)
        .build()
        .verify(new ByteArrayInputStream(message))
        .toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
  }

  /** The values of the {@code name} fields a milter result inserts or adds. */
  static List<String> inserted(MilterResult result, String name) {
    List<String> values = new ArrayList<>();
    for (MessageModification modification : result.modifications()) {
      if (modification instanceof MessageModification.InsertHeader insert
          && insert.name().equalsIgnoreCase(name)) {
        values.add(insert.value());
      }
    }
    return values;
  }
}
