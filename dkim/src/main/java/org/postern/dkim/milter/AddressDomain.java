package org.postern.dkim.milter;

import java.util.Locale;
import java.util.Optional;

/** Finds the mailbox (and its domain) in a From field or an envelope sender, leniently. */
public final class AddressDomain {
  private AddressDomain() {}

  /**
   * The domain of the first mailbox of a From field value ({@code "Name" <user@Example.org>} →
   * {@code example.org}), lower-cased; empty when there is no {@code @domain}.
   */
  public static Optional<String> ofFromField(String value) {
    return addressOfFromField(value).map(AddressDomain::domainPart);
  }

  /**
   * The first mailbox of a From field value ({@code "Name" <user@Example.org>} → {@code
   * user@example.org}), its domain lower-cased; empty when there is no {@code @domain}.
   */
  public static Optional<String> addressOfFromField(String value) {
    String text = withoutComments(value.replace("\r", "").replace("\n", ""));
    int open = indexOutsideQuotes(text, '<');
    String mailbox;
    if (open >= 0) {
      int close = text.indexOf('>', open);
      mailbox = close < 0 ? text.substring(open + 1) : text.substring(open + 1, close);
    } else {
      int comma = indexOutsideQuotes(text, ',');
      mailbox = comma < 0 ? text : text.substring(0, comma);
    }
    return addressOf(mailbox.strip());
  }

  /** The domain of an envelope sender ({@code <user@example.org>}); empty for {@code <>}. */
  public static Optional<String> ofEnvelope(String sender) {
    return addressOfEnvelope(sender).map(AddressDomain::domainPart);
  }

  /** An envelope sender as {@code user@example.org} (domain lower-cased); empty for {@code <>}. */
  public static Optional<String> addressOfEnvelope(String sender) {
    String text = sender.strip();
    if (text.startsWith("<")) {
      int close = text.lastIndexOf('>');
      text = close < 0 ? text.substring(1) : text.substring(1, close);
    }
    return addressOf(text.strip());
  }

  private static String domainPart(String address) {
    return address.substring(address.lastIndexOf('@') + 1);
  }

  private static Optional<String> addressOf(String mailbox) {
    int at = mailbox.lastIndexOf('@');
    if (at < 0) {
      return Optional.empty();
    }
    String domain = mailbox.substring(at + 1).strip();
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    if (domain.isEmpty() || !domain.matches("[A-Za-z0-9._-]+")) {
      return Optional.empty();
    }
    return Optional.of(mailbox.substring(0, at).strip() + "@" + domain.toLowerCase(Locale.ROOT));
  }

  private static int indexOutsideQuotes(String text, char wanted) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == wanted && !quoted) {
        return i;
      }
    }
    return -1;
  }

  private static String withoutComments(String text) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        if (depth == 0) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
      } else if (c == '"' && depth == 0) {
        quoted = !quoted;
        out.append(c);
      } else if (c == '(' && !quoted) {
        depth++;
      } else if (c == ')' && !quoted && depth > 0) {
        depth--;
      } else if (depth == 0) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
