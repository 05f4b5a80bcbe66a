package org.postern.screen.site;

import java.util.List;

/**
 * One octet of a reply filter: a number, or in {@code []} a {@code ;}-separated list of numbers and
 * {@code low..high} ranges.
 *
 * @param ranges inclusive ranges of accepted values, each within 0..255
 */
public record OctetPattern(List<Range> ranges) {

  /** An inclusive range of octet values. */
  public record Range(int low, int high) {
    /** Checks 0 ≤ low ≤ high ≤ 255. */
    public Range {
      if (low < 0 || high > 255 || low > high) {
        throw new IllegalArgumentException("bad octet range " + low + ".." + high);
      }
    }

    @Override
    public String toString() {
      return low == high ? Integer.toString(low) : low + ".." + high;
    }
  }

  /** Copies the ranges; at least one is required. */
  public OctetPattern {
    ranges = List.copyOf(ranges);
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("an octet pattern needs a value");
    }
  }

  /** Whether {@code value} (0..255) is accepted. */
  public boolean matches(int value) {
    for (Range range : ranges) {
      if (value >= range.low() && value <= range.high()) {
        return true;
      }
    }
    return false;
  }

  /** postscreen's notation: a bare number, or {@code [..]} for anything else. */
  @Override
  public String toString() {
    if (ranges.size() == 1 && ranges.get(0).low() == ranges.get(0).high()) {
      return Integer.toString(ranges.get(0).low());
    }
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < ranges.size(); i++) {
      if (i > 0) {
        text.append(';');
      }
      text.append(ranges.get(i));
    }
    return text.append(']').toString();
  }
}
