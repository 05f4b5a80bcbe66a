package org.postern.dkim.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postern.authres.MethodResult;

/** Turns DKIM results into Authentication-Results entries ({@code dkim=pass header.d=...}). */
public final class DkimAuthenticationResults {
  /** How much of {@code b=} goes into {@code header.b} (RFC 6008 suggests at least 8). */
  static final int SIGNATURE_PREFIX = 12;

  private DkimAuthenticationResults() {}

  /** One method result per DKIM result. */
  public static List<MethodResult> of(List<DkimResult> results) {
    return results.stream().map(DkimAuthenticationResults::of).toList();
  }

  /** The method result for one signature. */
  public static MethodResult of(DkimResult result) {
    List<MethodResult.Property> properties = new ArrayList<>();
    if (!result.domain().isEmpty()) {
      properties.add(new MethodResult.Property("header", "d", result.domain()));
    }
    if (!result.selector().isEmpty()) {
      properties.add(new MethodResult.Property("header", "s", result.selector()));
    }
    if (!result.signatureData().isEmpty()) {
      String data = result.signatureData();
      properties.add(
          new MethodResult.Property(
              "header", "b", data.substring(0, Math.min(SIGNATURE_PREFIX, data.length()))));
    }
    Optional<String> reason =
        result.reason().isEmpty() ? Optional.empty() : Optional.of(result.reason());
    return new MethodResult("dkim", result.status().keyword(), reason, properties);
  }
}
