package org.postern.sieve.notify;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.postern.sieve.message.Addresses;
import org.postern.sieve.message.MailboxSyntax;

/**
 * A parsed RFC 6068 mailto URI as the RFC 5436 notification method reads it: recipients (from the
 * path, {@code to} and {@code cc} fields; duplicates merged, at most {@link #MAX_RECIPIENTS}), the
 * subject, the body and the other header fields a notification may carry. Fields that would let a
 * URI forge the notification's origin or threading ({@code From}, {@code Auto-Submitted}, {@code
 * Message-ID}, ...) are ignored, as Pigeonhole does; so are fields past {@link #MAX_HEADERS}. What
 * was ignored is listed in {@link #warnings()}.
 *
 * @param recipients distinct recipients in URI order
 * @param headers the other fields, in URI order, names as written
 * @param subject the first {@code subject} field, or null
 * @param body the first {@code body} field, or null
 * @param warnings what the parser ignored, for the script's author
 */
public record MailtoUri(
    List<Recipient> recipients,
    List<HeaderField> headers,
    String subject,
    String body,
    List<String> warnings) {

  /** Recipients taken from one URI; more are ignored (Pigeonhole's limit). */
  public static final int MAX_RECIPIENTS = 8;

  /** Header fields (including to, cc, subject and body) read from one URI; more are ignored. */
  public static final int MAX_HEADERS = 16;

  private static final String QCHAR_EXTRA = "!$'()*+,;:@";

  /** Fields the notification composes itself or that would forge its origin or its trace. */
  private static final Set<String> RESERVED =
      Set.of(
          "auto-submitted",
          "received",
          "message-id",
          "data",
          "bcc",
          "in-reply-to",
          "references",
          "resent-date",
          "resent-from",
          "resent-sender",
          "resent-to",
          "resent-cc",
          "resent-bcc",
          "resent-msg-id",
          "from",
          "sender");

  /** Fields honoured only once. */
  private static final Set<String> UNIQUE = Set.of("reply-to");

  /** Copies the lists. */
  public MailtoUri {
    recipients = List.copyOf(recipients);
    headers = List.copyOf(headers);
    warnings = List.copyOf(warnings);
  }

  /**
   * One recipient.
   *
   * @param full the mailbox as written, possibly with a display name (RFC 2047 encoded or UTF-8)
   * @param address its addr-spec, to which the notification is sent
   * @param carbonCopy whether it came only from {@code cc} fields
   */
  public record Recipient(String full, String address, boolean carbonCopy) {

    /** Whether both name the same mailbox: local parts equal, domains equal ignoring case. */
    public boolean sameAddress(Recipient other) {
      return MailtoUri.sameAddress(address, other.address);
    }
  }

  /** A header field the URI asks the notification to carry. */
  public record HeaderField(String name, String value) {}

  /**
   * Parses {@code uri}.
   *
   * @throws InvalidMailtoUriException when it is not a mailto URI, uses characters outside the
   *     grammar, has malformed percent-encoding (or encodes NUL or invalid UTF-8), names an invalid
   *     header field, has a line break in a field value or a recipient that is not a mailbox
   */
  public static MailtoUri parse(String uri) throws InvalidMailtoUriException {
    if (!uri.regionMatches(true, 0, "mailto:", 0, 7)) {
      throw new InvalidMailtoUriException("not a mailto URI");
    }
    return new Parser(uri, 7).parse();
  }

  /**
   * The addr-spec of {@code text} when it is exactly one RFC 5322 mailbox ({@code a@b} or {@code
   * Name <a@b>}), else {@code null}.
   */
  public static String mailboxAddress(String text) {
    if (!MailboxSyntax.isMailbox(text)) {
      return null;
    }
    List<String> addresses = Addresses.parseList(text);
    return addresses.size() == 1 ? addresses.get(0) : null;
  }

  /** Whether two addr-specs name the same mailbox: local parts equal, domains ignoring case. */
  static boolean sameAddress(String one, String other) {
    int at = one.lastIndexOf('@');
    int otherAt = other.lastIndexOf('@');
    return at == otherAt
        && one.regionMatches(0, other, 0, at)
        && one.substring(at + 1).equalsIgnoreCase(other.substring(otherAt + 1));
  }

  /** One pass over the URI after its scheme. */
  private static final class Parser {
    private final String text;
    private int offset;
    private final List<Recipient> recipients = new ArrayList<>();
    private final List<HeaderField> headers = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String subject;
    private String body;
    private int headerCount;

    Parser(String text, int offset) {
      this.text = text;
      this.offset = offset;
    }

    MailtoUri parse() throws InvalidMailtoUriException {
      parsePath();
      while (offset < text.length()) {
        parseField();
      }
      if (recipients.isEmpty()) {
        warnings.add("notification URI specifies no recipients");
      }
      return new MailtoUri(recipients, headers, subject, body, warnings);
    }

    /** to = addr-spec *("%2C" addr-spec): only an encoded comma separates recipients here. */
    private void parsePath() throws InvalidMailtoUriException {
      int start = offset;
      ByteArrayOutputStream current = new ByteArrayOutputStream();
      while (offset < text.length() && text.charAt(offset) != '?') {
        char c = text.charAt(offset);
        if (c == '%') {
          int decoded = percentEncoded();
          if (decoded == ',') {
            addRecipient(utf8(current), false);
            current.reset();
          } else {
            current.write(decoded);
          }
        } else if (c == ':' || c == ';' || c == ',' || !qchar(c)) {
          throw new InvalidMailtoUriException("invalid character '" + c + "' in 'to' part");
        } else {
          current.write(c);
          offset++;
        }
      }
      if (offset > start) {
        addRecipient(utf8(current), false);
      }
      if (offset < text.length()) {
        offset++;
      }
    }

    /** hfield = hfname "=" hfvalue, followed by '&' or the end. */
    private void parseField() throws InvalidMailtoUriException {
      String name = utf8(component('=', "header field name"));
      if (!fieldName(name)) {
        throw new InvalidMailtoUriException("invalid header field name '" + name + "'");
      }
      String value = utf8(component('&', "header field value"));
      String lower = name.toLowerCase(Locale.ROOT);
      if (!lower.equals("body") && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
        throw new InvalidMailtoUriException("invalid value for header field '" + name + "'");
      }
      headerCount++;
      if (headerCount > MAX_HEADERS) {
        if (headerCount == MAX_HEADERS + 1) {
          warnings.add("more than the maximum " + MAX_HEADERS + " headers; rest is discarded");
        }
        return;
      }
      switch (lower) {
        case "to", "cc" -> {
          for (String recipient : value.split(",", -1)) {
            addRecipient(recipient, lower.equals("cc"));
          }
        }
        case "subject" -> {
          if (subject == null) {
            subject = value;
          } else {
            warnings.add("ignored duplicate subject field");
          }
        }
        case "body" -> {
          if (body == null) {
            body = value;
          } else {
            warnings.add("ignored duplicate body field");
          }
        }
        default -> {
          if (RESERVED.contains(lower)) {
            warnings.add("ignored reserved header field '" + name + "'");
          } else if (UNIQUE.contains(lower)
              && headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name))) {
            warnings.add("ignored duplicate for unique header field '" + name + "'");
          } else {
            headers.add(new HeaderField(name, value));
          }
        }
      }
    }

    /** Decodes up to {@code end} (consumed) or the end of the URI. */
    private ByteArrayOutputStream component(char end, String part)
        throws InvalidMailtoUriException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (offset < text.length() && text.charAt(offset) != end) {
        char c = text.charAt(offset);
        if (c == '%') {
          out.write(percentEncoded());
        } else if (c == '=' || qchar(c)) {
          out.write(c);
          offset++;
        } else {
          throw new InvalidMailtoUriException("invalid character '" + c + "' in " + part + " part");
        }
      }
      if (offset < text.length()) {
        offset++;
      }
      return out;
    }

    /** The byte of the "%XX" at the offset, which moves past it; NUL is refused. */
    private int percentEncoded() throws InvalidMailtoUriException {
      if (offset + 2 >= text.length()) {
        throw new InvalidMailtoUriException("invalid % encoding");
      }
      int high = Character.digit(text.charAt(offset + 1), 16);
      int low = Character.digit(text.charAt(offset + 2), 16);
      if (high < 0 || low < 0 || text.charAt(offset + 1) > 0x7f || text.charAt(offset + 2) > 0x7f) {
        throw new InvalidMailtoUriException("invalid % encoding");
      }
      int value = high * 16 + low;
      if (value == 0) {
        throw new InvalidMailtoUriException("invalid % encoding (NUL)");
      }
      offset += 3;
      return value;
    }

    private void addRecipient(String written, boolean carbonCopy) throws InvalidMailtoUriException {
      String address = mailboxAddress(written);
      if (address == null) {
        throw new InvalidMailtoUriException("invalid recipient '" + written + "'");
      }
      Recipient recipient = new Recipient(written, address, carbonCopy);
      for (int i = 0; i < recipients.size(); i++) {
        Recipient existing = recipients.get(i);
        if (existing.sameAddress(recipient)) {
          // A recipient named in both To and Cc is a To recipient.
          if (existing.carbonCopy() && !carbonCopy) {
            recipients.set(i, new Recipient(existing.full(), existing.address(), false));
          }
          warnings.add("ignored duplicate recipient '" + written + "'");
          return;
        }
      }
      if (recipients.size() >= MAX_RECIPIENTS) {
        if (warnings.stream().noneMatch(w -> w.startsWith("more than the maximum"))) {
          warnings.add(
              "more than the maximum " + MAX_RECIPIENTS + " recipients; rest is discarded");
        }
        return;
      }
      recipients.add(recipient);
    }
  }

  /** The bytes as strict UTF-8. */
  private static String utf8(ByteArrayOutputStream bytes) throws InvalidMailtoUriException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidMailtoUriException("percent-encoded text is not UTF-8");
    }
  }

  private static boolean qchar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || QCHAR_EXTRA.indexOf(c) >= 0;
  }

  /** RFC 5322 field-name: printable ASCII except ':'. */
  static boolean fieldName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 33 || c > 126 || c == ':') {
        return false;
      }
    }
    return true;
  }
}
