package org.postern.dkim.verification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.postern.dkim.DkimAlgorithm;
import org.postern.dkim.InvalidTagListException;
import org.postern.dkim.TagList;
import org.postern.dkim.canonicalization.Canonicalization;
import org.postern.dkim.message.HeaderField;

/** A DKIM-Signature field whose tags passed RFC 6376 6.1.1's checks. */
record ParsedSignature(
    HeaderField field,
    DkimAlgorithm algorithm,
    String domain,
    String selector,
    Canonicalization headerCanonicalization,
    Canonicalization bodyCanonicalization,
    List<String> signedHeaders,
    byte[] bodyHash,
    byte[] signature,
    String signatureText,
    String identity,
    OptionalLong bodyLength,
    OptionalLong timestamp,
    OptionalLong expiration) {

  /** What is known about a field even when it does not parse: for the result line. */
  static DkimResult describe(HeaderField field, DkimStatus status, String reason) {
    TagList tags;
    try {
      tags = TagList.parse(field.value());
    } catch (InvalidTagListException e) {
      return new DkimResult(status, "", "", Optional.empty(), "", "", OptionalLong.empty(), reason);
    }
    String domain = tags.get("d").orElse("");
    return new DkimResult(
        status,
        domain,
        tags.get("s").orElse(""),
        tags.get("a").flatMap(DkimAlgorithm::fromTag),
        tags.get("i").orElse(domain.isEmpty() ? "" : "@" + domain),
        TagList.withoutWhitespace(tags.get("b").orElse("")),
        OptionalLong.empty(),
        reason);
  }

  /** The result for this signature. */
  DkimResult result(DkimStatus status, String reason) {
    return new DkimResult(
        status,
        domain,
        selector,
        Optional.of(algorithm),
        identity,
        signatureText,
        bodyLength,
        reason);
  }

  /**
   * Parses and checks the tags.
   *
   * @param acceptDrafts accept signatures of the pre-RFC drafts, which have no {@code v=}
   * @throws InvalidSignatureException with the reason for a permerror
   */
  static ParsedSignature parse(HeaderField field, boolean acceptDrafts)
      throws InvalidSignatureException {
    TagList tags;
    try {
      tags = TagList.parse(field.value());
    } catch (InvalidTagListException e) {
      throw new InvalidSignatureException("signature syntax: " + e.getMessage());
    }
    Optional<String> version = tags.get("v");
    if (version.isEmpty() && !acceptDrafts) {
      throw new InvalidSignatureException("missing v=");
    }
    if (version.isPresent() && !version.get().equals("1")) {
      throw new InvalidSignatureException("unsupported version v=" + version.get());
    }
    String algorithmText = require(tags, "a");
    DkimAlgorithm algorithm =
        DkimAlgorithm.fromTag(algorithmText)
            .orElseThrow(
                () -> new InvalidSignatureException("unknown algorithm a=" + algorithmText));
    String domain = require(tags, "d").toLowerCase(Locale.ROOT);
    String selector = require(tags, "s").toLowerCase(Locale.ROOT);
    if (domain.isEmpty() || selector.isEmpty()) {
      throw new InvalidSignatureException("empty d= or s=");
    }
    String signatureText = TagList.withoutWhitespace(require(tags, "b"));
    byte[] signature = base64(signatureText, "b");
    byte[] bodyHash = base64(TagList.withoutWhitespace(require(tags, "bh")), "bh");
    List<String> signedHeaders = new ArrayList<>();
    for (String name : require(tags, "h").split(":", -1)) {
      String trimmed = TagList.withoutWhitespace(name).toLowerCase(Locale.ROOT);
      if (trimmed.isEmpty()) {
        throw new InvalidSignatureException("empty name in h=");
      }
      signedHeaders.add(trimmed);
    }
    if (!signedHeaders.contains("from")) {
      throw new InvalidSignatureException("From is not signed (h= lacks from)");
    }
    Canonicalization[] canonicalization = canonicalization(tags.get("c").orElse("simple/simple"));
    String identity =
        tags.get("i").map(ParsedSignature::decodeQuotedPrintable).orElse("@" + domain);
    int at = identity.lastIndexOf('@');
    if (at < 0) {
      throw new InvalidSignatureException("i= has no @");
    }
    String identityDomain = identity.substring(at + 1).toLowerCase(Locale.ROOT);
    if (!identityDomain.equals(domain) && !identityDomain.endsWith("." + domain)) {
      throw new InvalidSignatureException("i= domain is not d= or a subdomain of it");
    }
    Optional<String> query = tags.get("q");
    if (query.isPresent()
        && Arrays.stream(query.get().split(":"))
            .map(method -> TagList.withoutWhitespace(method).toLowerCase(Locale.ROOT))
            .noneMatch("dns/txt"::equals)) {
      throw new InvalidSignatureException("q= offers no dns/txt");
    }
    OptionalLong bodyLength = number(tags, "l");
    OptionalLong timestamp = number(tags, "t");
    OptionalLong expiration = number(tags, "x");
    if (timestamp.isPresent()
        && expiration.isPresent()
        && expiration.getAsLong() < timestamp.getAsLong()) {
      throw new InvalidSignatureException("x= is before t=");
    }
    return new ParsedSignature(
        field,
        algorithm,
        domain,
        selector,
        canonicalization[0],
        canonicalization[1],
        List.copyOf(signedHeaders),
        bodyHash,
        signature,
        signatureText,
        identity,
        bodyLength,
        timestamp,
        expiration);
  }

  /** The domain part of {@code i=}. */
  String identityDomain() {
    return identity.substring(identity.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  private static String require(TagList tags, String name) throws InvalidSignatureException {
    return tags.get(name).orElseThrow(() -> new InvalidSignatureException("missing " + name + "="));
  }

  private static byte[] base64(String text, String tag) throws InvalidSignatureException {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidSignatureException(tag + "= is not base64");
    }
  }

  private static OptionalLong number(TagList tags, String name) throws InvalidSignatureException {
    Optional<String> text = tags.get(name);
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    String digits = text.get();
    if (digits.isEmpty() || digits.length() > 76 || !digits.chars().allMatch(Character::isDigit)) {
      throw new InvalidSignatureException(name + "= is not a number");
    }
    try {
      return OptionalLong.of(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      return OptionalLong.of(Long.MAX_VALUE);
    }
  }

  private static Canonicalization[] canonicalization(String text) throws InvalidSignatureException {
    String[] parts = text.split("/", -1);
    if (parts.length > 2) {
      throw new InvalidSignatureException("invalid c=" + text);
    }
    try {
      Canonicalization header = Canonicalization.parse(parts[0]);
      Canonicalization body =
          parts.length == 2 ? Canonicalization.parse(parts[1]) : Canonicalization.SIMPLE;
      return new Canonicalization[] {header, body};
    } catch (IllegalArgumentException e) {
      throw new InvalidSignatureException(e.getMessage());
    }
  }

  /** dkim-quoted-printable (RFC 6376 2.11): =XX escapes, whitespace ignored. */
  static String decodeQuotedPrintable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '='
          && i + 2 < text.length()
          && isHex(text.charAt(i + 1))
          && isHex(text.charAt(i + 2))) {
        out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (!Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "ParsedSignature[d=" + domain + ", s=" + selector + ", a=" + algorithm.tagValue() + "]";
  }
}
