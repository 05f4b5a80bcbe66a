package org.postern.sieve.action;

import java.util.Locale;
import org.postern.sieve.message.Addresses;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

/**
 * How a caller carries out a {@link RedirectAction} the way Pigeonhole does: the copy carries an
 * {@code X-Sieve-Redirected-From} field naming the user, a message that already carries one naming
 * the user is not sent again (a redirect loop between users' scripts), and the envelope sender
 * follows the site's policy (Pigeonhole's {@code sieve_redirect_envelope_from}).
 */
public final class RedirectForwarding {

  /** The trace field added to redirected copies and checked for loops. */
  public static final String REDIRECTED_FROM = "X-Sieve-Redirected-From";

  private RedirectForwarding() {}

  /** Whether {@code message} was already redirected by {@code user}'s script: a loop. */
  public static boolean isLoop(SieveMessage message, String user) {
    for (String value : message.rawHeaders(REDIRECTED_FROM)) {
      for (String address : Addresses.parseList(value)) {
        if (address.equalsIgnoreCase(user)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The copy to send: {@code message} with the trace field naming {@code user} on top. */
  public static SieveMessage copyFor(SieveMessage message, String user) {
    return message.withHeaderAdded(REDIRECTED_FROM, user, false);
  }

  /**
   * The envelope sender of the copy. The null sender stays null (no bounces of bounces). The policy
   * is one of {@code sender} (default: the original sender), {@code recipient}, {@code
   * orig_recipient}, {@code user_email} (falling back to the recipient), {@code <>} or an explicit
   * {@code <address>}; anything else means {@code sender}.
   *
   * @param originalRecipient the original recipient (null when unknown: the recipient is used)
   * @param userEmail the user's configured address, or null
   */
  public static String envelopeSender(
      String policy, SieveEnvelope envelope, String originalRecipient, String userEmail) {
    if (envelope.from().isEmpty()) {
      return "";
    }
    String value = policy == null ? "" : policy.trim();
    switch (value.toLowerCase(Locale.ROOT)) {
      case "", "sender":
        return envelope.from();
      case "recipient":
        return envelope.to();
      case "orig_recipient":
        return originalRecipient == null || originalRecipient.isEmpty()
            ? envelope.to()
            : originalRecipient;
      case "user_email":
        return userEmail == null || userEmail.isEmpty() ? envelope.to() : userEmail;
      default:
        if (value.startsWith("<") && value.endsWith(">")) {
          return value.substring(1, value.length() - 1).trim();
        }
        return envelope.from();
    }
  }
}
