package org.postern.sieve.testsuite;

import java.util.List;
import org.postern.sieve.action.RejectAction;
import org.postern.sieve.action.VacationAction;
import org.postern.sieve.message.Addresses;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

/** The messages the testsuite's SMTP outbox receives for reject and vacation actions. */
final class Replies {

  private Replies() {}

  /** A rejection notice to the sender carrying the reason (RFC 5429). */
  static SieveMessage rejection(
      RejectAction reject, SieveMessage original, SieveEnvelope envelope) {
    String text =
        "From: Postmaster <postmaster@example.com>\r\n"
            + "To: <"
            + envelope.from()
            + ">\r\n"
            + "Subject: Rejected: "
            + first(original.rawHeaders("Subject"))
            + "\r\n"
            + "Auto-Submitted: auto-replied (rejected)\r\n"
            + "\r\n"
            + "Your message to <"
            + envelope.to()
            + "> was automatically rejected:\r\n"
            + reject.reason()
            + "\r\n";
    return SieveMessage.parse(text);
  }

  /**
   * A vacation auto-reply (RFC 5230, RFC 3834). Its To field repeats the Sender or From field whose
   * address is the envelope sender (keeping the display name), else just the address; with {@code
   * ignoreEnvelope} (Pigeonhole's sieve_vacation_to_header_ignore_envelope) it repeats Sender, else
   * From, whatever the envelope says.
   */
  static SieveMessage vacation(
      VacationAction vacation,
      SieveMessage original,
      SieveEnvelope envelope,
      boolean ignoreEnvelope) {
    String from =
        vacation.from() == null || vacation.from().isEmpty() ? envelope.to() : vacation.from();
    String subject = vacation.subject();
    if (subject == null || subject.isEmpty()) {
      subject = "Auto: " + first(original.rawHeaders("Subject"));
    }
    StringBuilder text = new StringBuilder();
    text.append("From: ").append(from).append("\r\n");
    text.append("To: ").append(toField(vacation.recipient(), original, ignoreEnvelope));
    text.append("\r\n");
    text.append("Subject: ").append(subject).append("\r\n");
    String messageId = first(original.rawHeaders("Message-ID"));
    if (!messageId.isEmpty()) {
      text.append("In-Reply-To: ").append(messageId).append("\r\n");
      String references = first(original.rawHeaders("References"));
      text.append("References: ")
          .append(references.isEmpty() ? messageId : references + " " + messageId)
          .append("\r\n");
    }
    text.append("Auto-Submitted: auto-replied (vacation)\r\n");
    text.append("\r\n").append(vacation.reason()).append("\r\n");
    return SieveMessage.parse(text.toString());
  }

  private static String toField(String recipient, SieveMessage original, boolean ignoreEnvelope) {
    for (String name : List.of("Sender", "From")) {
      for (String value : original.rawHeaders(name)) {
        List<String> addresses = Addresses.parseList(value);
        if (ignoreEnvelope
            ? !addresses.isEmpty()
            : addresses.stream().anyMatch(a -> a.equalsIgnoreCase(recipient))) {
          return value.trim();
        }
      }
    }
    return "<" + recipient + ">";
  }

  private static String first(List<String> values) {
    return values.isEmpty() ? "" : values.get(0);
  }
}
