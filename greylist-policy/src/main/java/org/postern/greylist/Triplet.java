package org.postern.greylist;

/**
 * What greylisting remembers: the client network, the normalised sender and the recipient.
 *
 * @param clientNetwork e.g. {@code 192.0.2.0/24}
 * @param sender normalised sender, empty for the null sender
 * @param recipient lower-cased recipient
 */
public record Triplet(String clientNetwork, String sender, String recipient) {

  /** The store key: the three parts separated by spaces, which none of them contains. */
  public String key() {
    return clientNetwork + " " + sender + " " + recipient;
  }
}
