package org.postern.dkim.milter;

/**
 * Whose domain signs a message: the From field's ({@code from-header}) or the envelope sender's.
 */
public enum SigningDomainSource {
  /** The domain of the first From mailbox (what DMARC aligns with). */
  FROM_HEADER,
  /** The domain of MAIL FROM. */
  ENVELOPE_SENDER
}
