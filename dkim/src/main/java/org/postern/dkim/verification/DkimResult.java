package org.postern.dkim.verification;

import java.util.Optional;
import java.util.OptionalLong;
import org.postern.dkim.DkimAlgorithm;

/**
 * The result for one DKIM-Signature field.
 *
 * @param status the outcome
 * @param domain {@code d=} (empty string when the field did not even say)
 * @param selector {@code s=} (empty string when absent)
 * @param algorithm {@code a=} when known
 * @param identity {@code i=}, or {@code @d} when absent
 * @param signatureData {@code b=} without whitespace (for {@code header.b}), empty when absent
 * @param bodyLength {@code l=} when the signature covers only part of the body
 * @param reason why, for people (e.g. "body hash did not verify"); empty for a plain pass
 */
public record DkimResult(
    DkimStatus status,
    String domain,
    String selector,
    Optional<DkimAlgorithm> algorithm,
    String identity,
    String signatureData,
    OptionalLong bodyLength,
    String reason) {

  /** Whether content past {@code l=} was left unsigned (never trust it). */
  public boolean partialBody() {
    return bodyLength.isPresent();
  }

  /** The same result with another status and reason. */
  public DkimResult with(DkimStatus newStatus, String newReason) {
    return new DkimResult(
        newStatus, domain, selector, algorithm, identity, signatureData, bodyLength, newReason);
  }
}
