package org.postern.screen.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.postern.screen.address.ClientAddress;

/**
 * The access list checked before any test, in Postfix {@code cidr_table(5)} format: {@code
 * network/prefix action} lines with action {@code permit}, {@code reject} or {@code dunno}; {@code
 * #} comments and blank lines are skipped, and a line starting with white space continues the
 * previous one.
 *
 * <p>Unlike Postfix, where the first matching line in file order wins, here the longest matching
 * prefix wins (ties go to the earlier line), so an exception for a host inside a blocked network
 * works wherever it is written. For files written most-specific-first the two rules agree.
 */
public final class AccessList {
  private final List<AccessRule> rules;

  private AccessList(List<AccessRule> rules) {
    List<AccessRule> sorted = new ArrayList<>(rules);
    // Stable sort: longest prefix first, file order among equals.
    sorted.sort(
        Comparator.comparingInt((AccessRule rule) -> rule.block().prefixLength()).reversed());
    this.rules = List.copyOf(sorted);
  }

  /** An access list with no entries: every client is {@link AccessAction#DUNNO}. */
  public static AccessList empty() {
    return new AccessList(List.of());
  }

  /**
   * Reads {@code file}.
   *
   * @throws AccessListSyntaxException naming the file and line of the first bad entry
   * @throws IOException when the file cannot be read
   */
  public static AccessList load(Path file) throws IOException {
    return parse(file.toString(), Files.readString(file));
  }

  /**
   * Parses cidr_table text; {@code source} names it in errors.
   *
   * @throws AccessListSyntaxException naming the line of the first bad entry
   */
  public static AccessList parse(String source, String text) {
    List<AccessRule> rules = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    StringBuilder logical = null;
    int logicalStart = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean blankOrComment = line.isBlank() || line.stripLeading().startsWith("#");
      if (blankOrComment) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0))) {
        if (logical == null) {
          throw new AccessListSyntaxException(
              source, i + 1, "continuation line without a line to continue");
        }
        logical.append(' ').append(line.strip());
        continue;
      }
      if (logical != null) {
        rules.add(rule(source, logicalStart, logical.toString()));
      }
      logical = new StringBuilder(line.strip());
      logicalStart = i + 1;
    }
    if (logical != null) {
      rules.add(rule(source, logicalStart, logical.toString()));
    }
    return new AccessList(rules);
  }

  private static AccessRule rule(String source, int line, String text) {
    String[] fields = text.split("\\s+");
    if (fields.length < 2) {
      throw new AccessListSyntaxException(
          source, line, "expected 'network/prefix action', got '" + text + "'");
    }
    if (fields.length > 2) {
      throw new AccessListSyntaxException(
          source, line, "unexpected '" + fields[2] + "' after the action");
    }
    if (fields[0].startsWith("!") || fields[0].equalsIgnoreCase("if")) {
      throw new AccessListSyntaxException(
          source, line, "negation and if/endif blocks are not supported");
    }
    CidrBlock block;
    try {
      block = CidrBlock.parse(fields[0]);
    } catch (IllegalArgumentException e) {
      throw new AccessListSyntaxException(source, line, e.getMessage());
    }
    AccessAction action;
    try {
      action = AccessAction.valueOf(fields[1].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new AccessListSyntaxException(
          source, line, "unknown action '" + fields[1] + "', expected permit, reject or dunno");
    }
    return new AccessRule(block, action, line);
  }

  /** The action for {@code client}: the longest matching prefix's, or DUNNO when none match. */
  public AccessAction check(ClientAddress client) {
    for (AccessRule rule : rules) {
      if (rule.block().contains(client)) {
        return rule.action();
      }
    }
    return AccessAction.DUNNO;
  }

  /** The entries, longest prefix first. */
  public List<AccessRule> rules() {
    return rules;
  }
}
