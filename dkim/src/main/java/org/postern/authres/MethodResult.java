package org.postern.authres;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code method=result} entry of an Authentication-Results field (RFC 8601 2.2), e.g. {@code
 * dkim=pass header.d=example.com}; SPF ({@code smtp.mailfrom}) and DMARC ({@code header.from})
 * results use the same shape.
 *
 * @param method {@code dkim}, {@code spf}, {@code dmarc}...
 * @param result {@code pass}, {@code fail}, {@code none}...
 * @param reason optional {@code reason="..."}
 * @param properties {@code ptype.property=value} items in order
 */
public record MethodResult(
    String method, String result, Optional<String> reason, List<Property> properties) {

  /** Validates and copies. */
  public MethodResult {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(result, "result");
    properties = List.copyOf(properties);
  }

  /** One {@code ptype.property=value} item. */
  public record Property(String type, String name, String value) {}
}
