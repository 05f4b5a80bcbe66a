package org.postern.greylist;

/**
 * What the store keeps per client network for auto-whitelisting, in epoch seconds.
 *
 * @param passes retries after the delay counted so far (at most one an hour)
 * @param lastCounted when a pass was last counted
 * @param lastSeen when the network was last seen; expiry counts from here
 */
public record ClientEntry(long passes, long lastCounted, long lastSeen) {

  /** The stored text, {@code passes:lastCounted:lastSeen}. */
  public String encode() {
    return passes + ":" + lastCounted + ":" + lastSeen;
  }

  /**
   * Reads {@link #encode()}'s text.
   *
   * @throws IllegalArgumentException on anything else
   */
  public static ClientEntry decode(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a client entry: " + text);
    }
    try {
      return new ClientEntry(
          Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a client entry: " + text, e);
    }
  }
}
