package org.postern.authres;

import java.util.Locale;

/**
 * Recognises incoming Authentication-Results fields that claim to come from our own authserv-id
 * (RFC 8601 5: a forged claim must be removed before we add ours).
 */
public final class AuthservIdFilter {
  private final String authservId;

  /** Matches {@code authservId}, ignoring case. */
  public AuthservIdFilter(String authservId) {
    this.authservId = authservId.toLowerCase(Locale.ROOT);
  }

  /** Whether a field with this name and value must be removed. */
  public boolean claimsOurs(String fieldName, String fieldValue) {
    if (!fieldName.strip().equalsIgnoreCase(AuthenticationResults.FIELD_NAME)) {
      return false;
    }
    return authservIdOf(fieldValue).equalsIgnoreCase(authservId);
  }

  /** The authserv-id at the start of a field value, comments and whitespace skipped. */
  static String authservIdOf(String value) {
    int i = skipCommentsAndSpace(value, 0);
    StringBuilder id = new StringBuilder();
    if (i < value.length() && value.charAt(i) == '"') {
      for (i++; i < value.length() && value.charAt(i) != '"'; i++) {
        if (value.charAt(i) == '\\' && i + 1 < value.length()) {
          i++;
        }
        id.append(value.charAt(i));
      }
      return id.toString();
    }
    for (; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ';' || c == '(' || Character.isWhitespace(c)) {
        break;
      }
      id.append(c);
    }
    return id.toString();
  }

  private static int skipCommentsAndSpace(String value, int start) {
    int i = start;
    int depth = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if (c == '\\' && depth > 0) {
        i++;
      } else if (depth == 0 && !Character.isWhitespace(c)) {
        break;
      }
      i++;
    }
    return i;
  }
}
