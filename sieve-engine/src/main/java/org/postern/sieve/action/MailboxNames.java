package org.postern.sieve.action;

import java.util.Optional;

/**
 * The mailbox names Postern stores into: UTF-8, hierarchy separated by {@code .} in Maildir++, and
 * never able to escape the mail root, so {@code ..}, {@code /}, NUL and a leading {@code .} are
 * refused.
 */
public final class MailboxNames {

  private MailboxNames() {}

  /** Why {@code name} is not acceptable, or empty when it is. */
  public static Optional<String> problem(String name) {
    if (name.isEmpty()) {
      return Optional.of("mailbox name is empty");
    }
    if (name.indexOf('\0') >= 0) {
      return Optional.of("mailbox name '" + printable(name) + "' contains a NUL character");
    }
    if (name.contains("/")) {
      return Optional.of("mailbox name '" + name + "' contains '/'");
    }
    if (name.contains("..")) {
      return Optional.of("mailbox name '" + name + "' contains '..'");
    }
    if (name.startsWith(".")) {
      return Optional.of("mailbox name '" + name + "' starts with '.'");
    }
    return Optional.empty();
  }

  private static String printable(String name) {
    return name.replace("\0", "\\0");
  }
}
