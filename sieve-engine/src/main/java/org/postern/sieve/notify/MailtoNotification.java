package org.postern.sieve.notify;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.postern.sieve.action.NotifyAction;
import org.postern.sieve.message.HeaderFolding;
import org.postern.sieve.message.OutgoingMessage;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

/**
 * Composes the messages that carry out a mailto {@link NotifyAction} (RFC 5436) as Pigeonhole does:
 * one message per recipient (To and Cc list them all), an {@code X-Sieve} field, {@code
 * Auto-Submitted: auto-notified} naming the user, {@code Precedence: bulk}, priority fields from
 * {@code :importance}, the subject from {@code :message}, else the URI, else the original subject,
 * and the URI's body. Nothing is sent for auto-submitted mail (RFC 5436 2.7), for a delivery to the
 * null recipient, or to recipients an earlier notification of the same delivery already reached
 * (RFC 5435 3.8).
 */
public final class MailtoNotification {

  /** The {@code X-Sieve} field value naming this implementation. */
  public static final String IMPLEMENTATION = "Postern Sieve";

  /** Subjects longer than this many code points are cut, ending in an ellipsis. */
  public static final int MAX_SUBJECT_CODE_POINTS = 256;

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  private MailtoNotification() {}

  /**
   * The messages to send for {@code action}, in recipient order; empty when nothing is to be sent.
   *
   * @param action a notify action whose method is a mailto URI
   * @param earlier the notify actions of the same delivery before it, whose recipients are not
   *     notified again
   * @param original the message the script ran on
   * @param envelope its envelope: the sender and the user's (final) recipient address
   * @param settings the site's settings
   * @throws InvalidMailtoUriException when the action's method is not a valid mailto URI
   */
  public static List<OutgoingMessage> compose(
      NotifyAction action,
      List<NotifyAction> earlier,
      SieveMessage original,
      SieveEnvelope envelope,
      MailtoSettings settings)
      throws InvalidMailtoUriException {
    MailtoUri uri = MailtoUri.parse(action.method());
    if (envelope.to().isEmpty() || autoSubmitted(original)) {
      return List.of();
    }
    List<MailtoUri.Recipient> recipients = withoutEarlier(uri.recipients(), earlier);
    if (recipients.isEmpty()) {
      return List.of();
    }
    String sender = envelopeSender(action, envelope, settings);
    SieveMessage message =
        SieveMessage.parse(
            text(action, uri, recipients, original, envelope, settings, sender)
                .getBytes(StandardCharsets.UTF_8));
    List<OutgoingMessage> messages = new ArrayList<>();
    for (MailtoUri.Recipient recipient : recipients) {
      messages.add(new OutgoingMessage(sender, recipient.address(), message));
    }
    return List.copyOf(messages);
  }

  /** RFC 5436 2.7: no notification about mail whose Auto-Submitted field is not "no". */
  static boolean autoSubmitted(SieveMessage original) {
    for (String value : original.rawHeaders("auto-submitted")) {
      if (!value.trim().equalsIgnoreCase("no")) {
        return true;
      }
    }
    return false;
  }

  private static List<MailtoUri.Recipient> withoutEarlier(
      List<MailtoUri.Recipient> recipients, List<NotifyAction> earlier) {
    List<MailtoUri.Recipient> notified = new ArrayList<>();
    for (NotifyAction other : earlier) {
      try {
        notified.addAll(MailtoUri.parse(other.method()).recipients());
      } catch (InvalidMailtoUriException e) {
        // Not a mailto notification (or never sent): it reached nobody.
      }
    }
    List<MailtoUri.Recipient> remaining = new ArrayList<>();
    for (MailtoUri.Recipient recipient : recipients) {
      if (notified.stream().noneMatch(recipient::sameAddress)) {
        remaining.add(recipient);
      }
    }
    return remaining;
  }

  /** The SMTP sender; the null sender of the original message stays null. */
  static String envelopeSender(
      NotifyAction action, SieveEnvelope envelope, MailtoSettings settings) {
    if (envelope.from().isEmpty()) {
      return "";
    }
    EnvelopeSenderSource source = settings.envelopeSender();
    switch (source.kind()) {
      case SENDER:
        return envelope.from();
      case RECIPIENT:
        return envelope.to();
      case ORIGINAL_RECIPIENT:
        return settings.originalRecipient() != null ? settings.originalRecipient() : envelope.to();
      case POSTMASTER:
        return settings.postmasterAddress();
      case EXPLICIT:
        return source.address();
      case USER_EMAIL:
      case DEFAULT:
      default:
        String from = action.from() == null ? null : MailtoUri.mailboxAddress(action.from());
        if (source.kind() == EnvelopeSenderSource.Kind.DEFAULT && from != null) {
          return from;
        }
        if (settings.userEmail() != null) {
          return settings.userEmail();
        }
        return from != null ? from : settings.postmasterAddress();
    }
  }

  private static String text(
      NotifyAction action,
      MailtoUri uri,
      List<MailtoUri.Recipient> recipients,
      SieveMessage original,
      SieveEnvelope envelope,
      MailtoSettings settings,
      String sender) {
    StringBuilder text = new StringBuilder();
    field(text, "X-Sieve", IMPLEMENTATION);
    field(text, "Message-ID", "<" + UUID.randomUUID() + "@" + domain(settings) + ">");
    field(text, "Date", DATE.format(ZonedDateTime.now(settings.clock())));
    field(text, "Subject", HeaderFolding.encodeAndFold(subject(action, uri, original)));
    String from =
        action.from() != null
            ? action.from().trim()
            : "<" + (sender.isEmpty() ? settings.postmasterAddress() : sender) + ">";
    field(text, "From", encodePhrase(from));
    addresses(text, "To", recipients, false);
    addresses(text, "Cc", recipients, true);
    field(text, "Auto-Submitted", "auto-notified; owner-email=\"" + envelope.to() + "\"");
    field(text, "Precedence", "bulk");
    switch (action.importance() == null ? "2" : action.importance()) {
      case "1" -> {
        field(text, "X-Priority", "1 (Highest)");
        field(text, "Importance", "High");
      }
      case "3" -> {
        field(text, "X-Priority", "5 (Lowest)");
        field(text, "Importance", "Low");
      }
      default -> {
        field(text, "X-Priority", "3 (Normal)");
        field(text, "Importance", "Normal");
      }
    }
    for (MailtoUri.HeaderField header : uri.headers()) {
      field(text, header.name(), HeaderFolding.encodeAndFold(header.value()));
    }
    field(text, "MIME-Version", "1.0");
    if (uri.body() != null) {
      boolean ascii = uri.body().chars().allMatch(c -> c < 0x80);
      field(text, "Content-Type", "text/plain; charset=" + (ascii ? "us-ascii" : "utf-8"));
      field(text, "Content-Transfer-Encoding", ascii ? "7bit" : "8bit");
      text.append("\r\n").append(uri.body().replaceAll("\r?\n|\r", "\r\n")).append("\r\n");
    } else {
      field(text, "Content-Type", "text/plain; charset=us-ascii");
      field(text, "Content-Transfer-Encoding", "7bit");
      text.append("\r\nNotification of new message.\r\n");
    }
    return text.toString();
  }

  /** The subject: {@code :message}, else the URI's, else about the original message. */
  static String subject(NotifyAction action, MailtoUri uri, SieveMessage original) {
    if (action.message() != null) {
      return limit(sanitize(action.message()));
    }
    if (uri.subject() != null) {
      return uri.subject();
    }
    List<String> subjects = original.decodedHeaders("subject");
    if (subjects.isEmpty()) {
      return "Notification: (no subject)";
    }
    return limit(sanitize("Notification: " + subjects.get(0)));
  }

  /** Control characters (line breaks among them) become '?', so the subject stays one line. */
  private static String sanitize(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }

  private static String limit(String subject) {
    if (subject.codePointCount(0, subject.length()) <= MAX_SUBJECT_CODE_POINTS) {
      return subject;
    }
    int end = subject.offsetByCodePoints(0, MAX_SUBJECT_CODE_POINTS - 1);
    return subject.substring(0, end) + "\u2026";
  }

  private static void addresses(
      StringBuilder text, String name, List<MailtoUri.Recipient> recipients, boolean carbonCopy) {
    List<String> written = new ArrayList<>();
    for (MailtoUri.Recipient recipient : recipients) {
      if (recipient.carbonCopy() == carbonCopy) {
        written.add(encodePhrase(recipient.full().trim()));
      }
    }
    if (!written.isEmpty()) {
      field(text, name, String.join(", ", written));
    }
  }

  /**
   * A mailbox with its non-ASCII display-name words RFC 2047 encoded: each run of such words
   * becomes one encoded word (spaces inside a run are kept by the encoding), the address stays as
   * it is.
   */
  static String encodePhrase(String mailbox) {
    int angle = mailbox.lastIndexOf('<');
    if (angle > 0 && mailbox.endsWith(">")) {
      return encodeWords(mailbox.substring(0, angle)) + mailbox.substring(angle);
    }
    return encodeWords(mailbox);
  }

  private static String encodeWords(String phrase) {
    String[] words = phrase.split(" ", -1);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < words.length) {
      if (i > 0) {
        out.append(' ');
      }
      if (ascii(words[i])) {
        out.append(words[i]);
        i++;
        continue;
      }
      int end = i;
      while (end + 1 < words.length && !ascii(words[end + 1])) {
        end++;
      }
      out.append(HeaderFolding.encodeAndFold(String.join(" ", List.of(words).subList(i, end + 1))));
      i = end + 1;
    }
    return out.toString();
  }

  private static boolean ascii(String text) {
    return text.chars().allMatch(c -> c < 0x80);
  }

  private static String domain(MailtoSettings settings) {
    String postmaster = MailtoUri.mailboxAddress(settings.postmasterAddress());
    return postmaster.substring(postmaster.lastIndexOf('@') + 1);
  }

  private static void field(StringBuilder text, String name, String value) {
    text.append(name).append(": ").append(value).append("\r\n");
  }
}
