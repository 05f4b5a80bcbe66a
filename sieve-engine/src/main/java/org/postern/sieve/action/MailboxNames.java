package org.postern.sieve.action;

import java.util.Optional;

/**
 * The rules for mailbox names Postern stores into, for a mail store whose hierarchy separator is
 * {@code separator} ({@code .} in Maildir++, {@code /} in the "fs" layout). Names are UTF-8 and can
 * never escape the mail root: every hierarchy level must be non-empty and must not start with
 * {@code .} (so no {@code .} or {@code ..} level), no name contains NUL, and {@code /} is only
 * allowed as the separator itself.
 *
 * @param separator the hierarchy separator of the mail store
 */
public record MailboxNames(char separator) {

  /** The rules of a Maildir++ store, Postern's default: the separator is {@code .}. */
  public static final MailboxNames MAILDIR_PLUS_PLUS = new MailboxNames('.');

  /** Checks that the separator is a printable ASCII character other than a letter or digit. */
  public MailboxNames {
    if (separator <= ' ' || separator > '~' || Character.isLetterOrDigit(separator)) {
      throw new IllegalArgumentException(
          "hierarchy separator must be printable ASCII punctuation, not '" + separator + "'");
    }
  }

  /**
   * The rules for the separator given as configured (one character).
   *
   * @throws IllegalArgumentException when {@code separator} is not one acceptable character
   */
  public static MailboxNames withSeparator(String separator) {
    if (separator.length() != 1) {
      throw new IllegalArgumentException(
          "hierarchy separator must be one character, not '" + separator + "'");
    }
    return new MailboxNames(separator.charAt(0));
  }

  /** Why {@code name} is not acceptable, or empty when it is. */
  public Optional<String> problem(String name) {
    if (name.isEmpty()) {
      return Optional.of("mailbox name is empty");
    }
    if (name.indexOf('\0') >= 0) {
      return Optional.of("mailbox name '" + printable(name) + "' contains a NUL character");
    }
    if (separator != '/' && name.indexOf('/') >= 0) {
      return Optional.of("mailbox name '" + name + "' contains '/'");
    }
    String twice = "" + separator + separator;
    if (name.charAt(0) == separator) {
      return Optional.of("mailbox name '" + name + "' starts with '" + separator + "'");
    }
    if (name.charAt(name.length() - 1) == separator) {
      return Optional.of("mailbox name '" + name + "' ends with '" + separator + "'");
    }
    if (name.contains(twice)) {
      return Optional.of("mailbox name '" + name + "' contains '" + twice + "'");
    }
    // No level is empty now; none may start with '.' either ('.', '..', hidden directories).
    for (int start = 0; start >= 0; ) {
      if (name.charAt(start) == '.') {
        return Optional.of("mailbox name '" + name + "' has a hierarchy level starting with '.'");
      }
      int end = name.indexOf(separator, start);
      start = end < 0 ? -1 : end + 1;
    }
    return Optional.empty();
  }

  private static String printable(String name) {
    return name.replace("\0", "\\0");
  }
}
