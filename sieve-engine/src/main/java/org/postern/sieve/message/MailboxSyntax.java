package org.postern.sieve.message;

/**
 * Checks that a string is one RFC 5322 mailbox ({@code user@example.org} or {@code Name
 * <user@example.org>}), as Pigeonhole requires of redirect targets and vacation's {@code :from}.
 * Like Pigeonhole it accepts the obsolete local-part forms with leading, trailing or repeated dots,
 * and rejects 8-bit characters in the address, a phrase without angle brackets and words not joined
 * by dots.
 */
public final class MailboxSyntax {

  private final String text;
  private int offset;

  private MailboxSyntax(String text) {
    this.text = text;
  }

  /** Whether {@code text} is exactly one mailbox, with optional white space and comments. */
  public static boolean isMailbox(String text) {
    MailboxSyntax parser = new MailboxSyntax(text);
    if (parser.addrSpec() && parser.atEnd()) {
      return true;
    }
    parser = new MailboxSyntax(text);
    return parser.nameAddr() && parser.atEnd();
  }

  /** addr-spec = local-part "@" domain, each part surrounded by optional CFWS. */
  private boolean addrSpec() {
    return localPart() && expect('@') && domain();
  }

  /**
   * name-addr = [phrase] "<" addr-spec ">". The phrase may hold dots (obsolete form, "John Q.
   * Public") and UTF-8, which only the address itself may not.
   */
  private boolean nameAddr() {
    skipCfws();
    while (word() || phraseExtra()) {
      skipCfws();
    }
    return expect('<') && addrSpec() && expect('>');
  }

  private boolean phraseExtra() {
    int start = offset;
    while (offset < text.length() && (text.charAt(offset) == '.' || text.charAt(offset) > 0x7f)) {
      offset++;
    }
    return offset > start;
  }

  /** Words joined by dots; dots may also lead, trail or repeat (obsolete forms). */
  private boolean localPart() {
    skipCfws();
    boolean words = false;
    boolean joined = true;
    while (true) {
      if (peek() == '.') {
        offset++;
        joined = true;
      } else if (joined && word()) {
        words = true;
        joined = false;
      } else {
        return words;
      }
      skipCfws();
    }
  }

  /** domain = dot-atom / domain-literal. */
  private boolean domain() {
    skipCfws();
    if (peek() == '[') {
      int close = text.indexOf(']', offset);
      if (close < 0) {
        return false;
      }
      offset = close + 1;
      skipCfws();
      return true;
    }
    if (!atom()) {
      return false;
    }
    while (peek() == '.') {
      offset++;
      if (!atom()) {
        return false;
      }
    }
    skipCfws();
    return true;
  }

  private boolean word() {
    if (peek() == '"') {
      return quotedString();
    }
    return atom();
  }

  private boolean atom() {
    int start = offset;
    while (offset < text.length() && isAtext(text.charAt(offset))) {
      offset++;
    }
    return offset > start;
  }

  private boolean quotedString() {
    offset++;
    while (offset < text.length()) {
      char c = text.charAt(offset++);
      if (c == '\\') {
        offset++;
      } else if (c == '"') {
        return true;
      } else if (c > 0x7e) {
        return false;
      }
    }
    return false;
  }

  private void skipCfws() {
    while (offset < text.length()) {
      char c = text.charAt(offset);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        offset++;
      } else if (c == '(') {
        int depth = 0;
        while (offset < text.length()) {
          char d = text.charAt(offset++);
          if (d == '\\') {
            offset++;
          } else if (d == '(') {
            depth++;
          } else if (d == ')' && --depth == 0) {
            break;
          }
        }
      } else {
        return;
      }
    }
  }

  private boolean expect(char c) {
    skipCfws();
    if (peek() != c) {
      return false;
    }
    offset++;
    return true;
  }

  private char peek() {
    return offset < text.length() ? text.charAt(offset) : '\0';
  }

  private boolean atEnd() {
    skipCfws();
    return offset >= text.length();
  }

  private static boolean isAtext(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
  }
}
