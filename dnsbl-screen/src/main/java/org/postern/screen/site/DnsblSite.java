package org.postern.screen.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One DNSBL or DNSWL as postscreen's {@code postscreen_dnsbl_sites} writes it: {@code
 * domain[=filter][*weight]}, for example {@code zen.spamhaus.org=127.0.0.[2..11]*3}, {@code
 * bl.spamcop.net*2} or {@code list.dnswl.org=127.0.[0..255].[1..3]*-5}.
 *
 * <p>The filter is one or more {@code ;}-separated reply patterns; without one any reply counts.
 * The weight (default 1) is added to the client's score once when any reply matches; a negative
 * weight makes the site an allowlist.
 *
 * @param domain the zone queried, lower case, without a trailing dot
 * @param filter reply patterns of which one must match; empty to accept any reply
 * @param weight what a match adds to the score
 */
public record DnsblSite(String domain, List<ReplyPattern> filter, int weight) {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

  /** Checks the domain and copies the filter. */
  public DnsblSite {
    filter = List.copyOf(filter);
    if (domain.isEmpty() || domain.length() > 200) {
      throw new IllegalArgumentException("bad DNSBL domain '" + domain + "'");
    }
    for (String label : domain.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException("bad DNSBL domain '" + domain + "'");
      }
    }
  }

  /**
   * Parses one site in postscreen's syntax.
   *
   * @throws SiteSyntaxException naming the position and what was expected
   */
  public static DnsblSite parse(String text) {
    return new Parser(text).site();
  }

  /** Whether a reply address (4 bytes) counts for this site. */
  public boolean accepts(byte[] code) {
    if (filter.isEmpty()) {
      return true;
    }
    for (ReplyPattern pattern : filter) {
      if (pattern.matches(code)) {
        return true;
      }
    }
    return false;
  }

  /** Whether this site lowers scores: an allowlist (DNSWL). */
  public boolean isAllowlist() {
    return weight < 0;
  }

  /** The site in postscreen's syntax, parseable again to an equal site. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(domain);
    for (int i = 0; i < filter.size(); i++) {
      text.append(i == 0 ? '=' : ';').append(filter.get(i));
    }
    if (weight != 1) {
      text.append('*').append(weight);
    }
    return text.toString();
  }

  /** A small recursive-descent parser keeping its position for error messages. */
  private static final class Parser {
    private final String text;
    private int position;

    Parser(String text) {
      this.text = text == null ? "" : text;
    }

    DnsblSite site() {
      if (text.isBlank()) {
        throw error("empty site");
      }
      int end = position;
      while (end < text.length() && text.charAt(end) != '=' && text.charAt(end) != '*') {
        end++;
      }
      String domain = text.substring(0, end).toLowerCase(Locale.ROOT);
      if (domain.endsWith(".")) {
        domain = domain.substring(0, domain.length() - 1);
      }
      try {
        new DnsblSite(domain, List.of(), 1);
      } catch (IllegalArgumentException e) {
        throw error("expected a domain name such as zen.spamhaus.org");
      }
      position = end;
      List<ReplyPattern> filter = new ArrayList<>();
      if (peek('=')) {
        position++;
        filter.add(pattern());
        while (peek(';')) {
          position++;
          filter.add(pattern());
        }
      }
      int weight = 1;
      if (peek('*')) {
        position++;
        weight = weight();
      }
      if (position < text.length()) {
        throw error("unexpected '" + text.charAt(position) + "', expected '=', ';' or '*'");
      }
      return new DnsblSite(domain, filter, weight);
    }

    private ReplyPattern pattern() {
      List<OctetPattern> octets = new ArrayList<>(4);
      for (int i = 0; i < 4; i++) {
        if (i > 0) {
          expect('.', "expected '.' between the 4 octets of a reply pattern");
        }
        octets.add(octet());
      }
      return new ReplyPattern(octets);
    }

    private OctetPattern octet() {
      if (!peek('[')) {
        int value = number();
        return new OctetPattern(List.of(new OctetPattern.Range(value, value)));
      }
      position++;
      List<OctetPattern.Range> ranges = new ArrayList<>();
      do {
        if (!ranges.isEmpty()) {
          position++;
        }
        int start = position;
        int low = number();
        int high = low;
        if (text.startsWith("..", position)) {
          position += 2;
          high = number();
          if (high < low) {
            position = start;
            throw error("range " + low + ".." + high + " runs backwards");
          }
        }
        ranges.add(new OctetPattern.Range(low, high));
      } while (peek(';'));
      expect(']', "expected ']' or ';' in an octet pattern");
      return new OctetPattern(ranges);
    }

    private int number() {
      int start = position;
      while (position < text.length()
          && Character.isDigit(text.charAt(position))
          && position - start < 3) {
        position++;
      }
      if (position == start) {
        throw error("expected a number 0 to 255");
      }
      if (position < text.length() && Character.isDigit(text.charAt(position))) {
        position = start;
        throw error("expected a number 0 to 255");
      }
      int value = Integer.parseInt(text.substring(start, position));
      if (value > 255) {
        position = start;
        throw error(value + " is not an octet (0 to 255)");
      }
      return value;
    }

    private int weight() {
      int start = position;
      if (peek('-') || peek('+')) {
        position++;
      }
      int digits = position;
      while (position < text.length() && Character.isDigit(text.charAt(position))) {
        position++;
      }
      if (position == digits) {
        position = start;
        throw error("expected an integer weight such as 2 or -5");
      }
      if (position - digits > 6) {
        position = start;
        throw error("weight out of range");
      }
      return Integer.parseInt(text.substring(start, position));
    }

    private boolean peek(char c) {
      return position < text.length() && text.charAt(position) == c;
    }

    private void expect(char c, String problem) {
      if (!peek(c)) {
        throw error(problem);
      }
      position++;
    }

    private SiteSyntaxException error(String problem) {
      return new SiteSyntaxException(text, Math.min(position, Math.max(0, text.length())), problem);
    }
  }
}
