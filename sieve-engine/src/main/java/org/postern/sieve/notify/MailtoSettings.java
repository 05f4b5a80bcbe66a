package org.postern.sieve.notify;

import java.time.Clock;

/**
 * The site's settings for composing mailto notifications.
 *
 * @param envelopeSender where the notification's envelope sender comes from
 * @param postmasterAddress the site's postmaster addr-spec: the sender when nothing else gives one
 *     and the domain of generated Message-IDs
 * @param userEmail the user's own address (Pigeonhole's {@code sieve_user_email}), or null
 * @param originalRecipient the original recipient of the delivery, or null when unknown
 * @param clock the time written in the Date field
 */
public record MailtoSettings(
    EnvelopeSenderSource envelopeSender,
    String postmasterAddress,
    String userEmail,
    String originalRecipient,
    Clock clock) {

  /** Checks the postmaster address is an addr-spec and fills in the default source. */
  public MailtoSettings {
    if (envelopeSender == null) {
      envelopeSender = EnvelopeSenderSource.DEFAULT;
    }
    if (postmasterAddress == null || MailtoUri.mailboxAddress(postmasterAddress) == null) {
      throw new IllegalArgumentException("invalid postmaster address '" + postmasterAddress + "'");
    }
    if (userEmail != null && userEmail.isBlank()) {
      userEmail = null;
    }
    if (clock == null) {
      clock = Clock.systemDefaultZone();
    }
  }

  /** The default source, no user address and the system clock, given the postmaster address. */
  public static MailtoSettings of(String postmasterAddress) {
    return new MailtoSettings(EnvelopeSenderSource.DEFAULT, postmasterAddress, null, null, null);
  }
}
