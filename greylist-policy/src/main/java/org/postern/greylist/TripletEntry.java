package org.postern.greylist;

/**
 * What the store keeps per triplet, in epoch seconds.
 *
 * @param firstSeen when the triplet was first greylisted
 * @param lastSeen when it was last asked about; expiry counts from here
 * @param passed whether a retry after the delay has been let through
 */
public record TripletEntry(long firstSeen, long lastSeen, boolean passed) {

  /** The stored text, {@code first:last:0|1}. */
  public String encode() {
    return firstSeen + ":" + lastSeen + ":" + (passed ? 1 : 0);
  }

  /**
   * Reads {@link #encode()}'s text.
   *
   * @throws IllegalArgumentException on anything else
   */
  public static TripletEntry decode(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 3 || !(parts[2].equals("0") || parts[2].equals("1"))) {
      throw new IllegalArgumentException("not a triplet entry: " + text);
    }
    try {
      return new TripletEntry(
          Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2].equals("1"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a triplet entry: " + text, e);
    }
  }
}
