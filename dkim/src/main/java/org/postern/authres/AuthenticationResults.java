package org.postern.authres;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the value of an {@code Authentication-Results} field (RFC 8601) for one authserv-id,
 * folding one result per line: {@code mx.example.org; dkim=pass header.d=... header.s=...}.
 */
public final class AuthenticationResults {
  /** The header field name. */
  public static final String FIELD_NAME = "Authentication-Results";

  private final String authservId;
  private final List<MethodResult> results = new ArrayList<>();

  private AuthenticationResults(String authservId) {
    this.authservId = authservId;
  }

  /**
   * A builder for the given authserv-id (usually the host name).
   *
   * @throws IllegalArgumentException when the id is not a plain token
   */
  public static AuthenticationResults forAuthservId(String authservId) {
    Objects.requireNonNull(authservId, "authservId");
    if (authservId.isEmpty() || !Values.isToken(authservId)) {
      throw new IllegalArgumentException("authserv-id must be a token: '" + authservId + "'");
    }
    return new AuthenticationResults(authservId);
  }

  /** Adds one method result. */
  public AuthenticationResults add(MethodResult result) {
    results.add(Objects.requireNonNull(result));
    return this;
  }

  /** Adds several method results. */
  public AuthenticationResults addAll(List<MethodResult> more) {
    more.forEach(this::add);
    return this;
  }

  /** The field value (with a leading space, folded with CRLF TAB), {@code id; none} when empty. */
  public String value() {
    StringBuilder value = new StringBuilder(" ").append(authservId).append(';');
    if (results.isEmpty()) {
      return value.append(" none").toString();
    }
    for (int i = 0; i < results.size(); i++) {
      MethodResult result = results.get(i);
      value.append("\r\n\t").append(result.method()).append('=').append(result.result());
      result
          .reason()
          .ifPresent(reason -> value.append(" reason=").append(Values.quoteIfNeeded(reason)));
      for (MethodResult.Property property : result.properties()) {
        value
            .append(' ')
            .append(property.type())
            .append('.')
            .append(property.name())
            .append('=')
            .append(Values.quoteIfNeeded(property.value()));
      }
      if (i < results.size() - 1) {
        value.append(';');
      }
    }
    return value.toString();
  }
}
