package org.postern.sieve.notify;

import java.util.Locale;

/**
 * Where the envelope sender of a notification comes from: Pigeonhole's {@code
 * sieve_notify_mailto_envelope_from} setting ({@code sender}, {@code recipient}, {@code
 * orig_recipient}, {@code user_email}, {@code postmaster}, {@code <address>} or {@code <>}); by
 * default the notify action's {@code :from}, else the user's address, else the postmaster.
 *
 * @param kind which address is used
 * @param address the explicit address for {@link Kind#EXPLICIT} (empty for {@code <>}), else null
 */
public record EnvelopeSenderSource(Kind kind, String address) {

  /** The sources of the address. */
  public enum Kind {
    /** The notify action's {@code :from}, else the user's address, else the postmaster. */
    DEFAULT,
    /** The envelope sender of the message that triggered the notification. */
    SENDER,
    /** The envelope recipient of the message that triggered the notification. */
    RECIPIENT,
    /** The original recipient (the recipient when the original one is unknown). */
    ORIGINAL_RECIPIENT,
    /** The user's configured address, else as {@link #DEFAULT}. */
    USER_EMAIL,
    /** The postmaster address. */
    POSTMASTER,
    /** A fixed address, possibly the null sender. */
    EXPLICIT
  }

  /** The default source. */
  public static final EnvelopeSenderSource DEFAULT = new EnvelopeSenderSource(Kind.DEFAULT, null);

  /** Checks that only {@link Kind#EXPLICIT} carries an address. */
  public EnvelopeSenderSource {
    if ((kind == Kind.EXPLICIT) != (address != null)) {
      throw new IllegalArgumentException("only an explicit source has an address");
    }
  }

  /**
   * Reads the setting's value; null or blank means {@link #DEFAULT}.
   *
   * @throws IllegalArgumentException for anything else that is not one of the documented values
   */
  public static EnvelopeSenderSource parse(String setting) {
    String value = setting == null ? "" : setting.trim();
    switch (value.toLowerCase(Locale.ROOT)) {
      case "", "default":
        return DEFAULT;
      case "sender":
        return new EnvelopeSenderSource(Kind.SENDER, null);
      case "recipient":
        return new EnvelopeSenderSource(Kind.RECIPIENT, null);
      case "orig_recipient":
        return new EnvelopeSenderSource(Kind.ORIGINAL_RECIPIENT, null);
      case "user_email":
        return new EnvelopeSenderSource(Kind.USER_EMAIL, null);
      case "postmaster":
        return new EnvelopeSenderSource(Kind.POSTMASTER, null);
      default:
        if (value.startsWith("<") && value.endsWith(">")) {
          String inside = value.substring(1, value.length() - 1).trim();
          String address = inside.isEmpty() ? "" : MailtoUri.mailboxAddress(inside);
          if (address != null) {
            return new EnvelopeSenderSource(Kind.EXPLICIT, address);
          }
        }
        throw new IllegalArgumentException(
            "invalid envelope sender source '"
                + value
                + "': expected default, sender, recipient, orig_recipient, user_email, postmaster,"
                + " <address> or <>");
    }
  }
}
