package org.postern.greylist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The shared line format of whitelist files: one entry a line, {@code #} comments. */
final class WhitelistLines {
  private WhitelistLines() {}

  /** One entry with its line number. */
  record Entry(int line, String text) {}

  /** The non-blank, non-comment lines, trimmed; a {@code #} starts a comment outside a regex. */
  static List<Entry> entries(String text) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.startsWith("/")) {
        int hash = line.indexOf('#');
        if (hash >= 0) {
          line = line.substring(0, hash).strip();
        }
      }
      if (!line.isEmpty()) {
        entries.add(new Entry(i + 1, line));
      }
    }
    return entries;
  }

  /** Whether the entry is written as {@code /regex/}. */
  static boolean isRegex(String entry) {
    return entry.length() >= 2 && entry.startsWith("/") && entry.endsWith("/");
  }

  /** Compiles a {@code /regex/} entry, case-insensitive as host and mail names are. */
  static Pattern regex(String source, Entry entry) {
    String body = entry.text().substring(1, entry.text().length() - 1);
    if (body.isEmpty()) {
      throw new WhitelistSyntaxException(source, entry.line(), "empty regular expression");
    }
    try {
      return Pattern.compile(body, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      throw new WhitelistSyntaxException(
          source, entry.line(), "bad regular expression: " + e.getDescription());
    }
  }

  private static final Pattern HOSTNAME =
      Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");

  /** A host or domain name, lower-cased, without a leading or trailing dot. */
  static String domain(String source, int line, String text) {
    String name = text.toLowerCase(Locale.ROOT);
    if (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (!HOSTNAME.matcher(name).matches()) {
      throw new WhitelistSyntaxException(source, line, "'" + text + "' is not a host or domain");
    }
    return name;
  }

  /** Whether {@code host} is {@code domain} or a name under it. */
  static boolean inDomain(String host, String domain) {
    return host.equals(domain)
        || (host.endsWith(domain) && host.charAt(host.length() - domain.length() - 1) == '.');
  }
}
