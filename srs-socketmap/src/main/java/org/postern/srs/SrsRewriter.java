package org.postern.srs;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Rewrites envelope senders into SRS addresses (forward) and SRS addresses back into the original
 * sender (reverse), compatible with postsrsd and libsrs2.
 *
 * <p>Forward, in order: an address without {@code @}, local part or domain is {@link
 * SrsResult.Invalid} (Postfix also looks up {@code @domain} and bare {@code user} keys, which must
 * simply not match); a sender in {@code domains} is {@link SrsResult.NotApplicable}; so is a sender
 * already in the SRS domain unless {@code always-rewrite} is on (libsrs2's rule: the address
 * already is ours, re-signing it would only lengthen it); a well-formed SRS0 address becomes SRS1
 * with its domain as the first hop, a well-formed SRS1 address gets a new SRS1 hash and keeps its
 * first hop; anything else, including malformed SRS-looking local parts, becomes SRS0, which is
 * always reversible.
 *
 * <p>Reverse: only SRS0/SRS1 addresses in the SRS domain are ours; anything else is {@link
 * SrsResult.NotApplicable}. A bad hash, an expired or malformed timestamp or a malformed address is
 * {@link SrsResult.Invalid}. SRS1 reverses to the SRS0 address at the first hop.
 */
public final class SrsRewriter {
  private final String srsDomain;
  private final SrsHash hash;
  private final int maxAgeDays;
  private final char separator;
  private final LocalDomains domains;
  private final boolean alwaysRewrite;
  private final Clock clock;

  private SrsRewriter(Builder builder, SrsHash hash) {
    this.srsDomain = builder.srsDomain;
    this.hash = hash;
    this.maxAgeDays = builder.maxAgeDays;
    this.separator = builder.separator;
    this.domains = builder.domains;
    this.alwaysRewrite = builder.alwaysRewrite;
    this.clock = builder.clock;
  }

  /** A builder with postsrsd's defaults: 4-character hashes, 21 days, base64url, separator =. */
  public static Builder builder() {
    return new Builder();
  }

  /** The domain SRS addresses are made in. */
  public String srsDomain() {
    return srsDomain;
  }

  /** The SRS address to send as, or why the sender stays as it is. */
  public SrsResult forward(String address) {
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return new SrsResult.Invalid("no '@' in address");
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    if (local.isEmpty() || domain.isEmpty()) {
      return new SrsResult.Invalid("empty local part or domain");
    }
    if (domain.indexOf(SrsAddress.SEPARATOR) >= 0) {
      // The domain would run into the next field and the address could not be reversed.
      return new SrsResult.Invalid("domain contains '='");
    }
    if (domains.contains(domain)) {
      return new SrsResult.NotApplicable("sender domain " + domain + " is local");
    }
    if (!alwaysRewrite && domain.equalsIgnoreCase(srsDomain)) {
      return new SrsResult.NotApplicable("sender is already in the SRS domain");
    }
    if (SrsAddress.isTagged(local)) {
      try {
        return new SrsResult.Rewritten(forwardSrs(SrsAddress.parse(local, domain), local).format());
      } catch (InvalidSrsAddressException e) {
        // Not really SRS: wrap it like any other sender below.
      }
    }
    String timestamp = SrsTimestamp.at(clock.instant()).toString();
    return new SrsResult.Rewritten(
        new SrsAddress.Srs0(
                separator,
                hash.create(timestamp, domain, local),
                timestamp,
                domain,
                local,
                srsDomain)
            .format());
  }

  private SrsAddress.Srs1 forwardSrs(SrsAddress address, String local) {
    String firstHopDomain;
    String rest;
    if (address instanceof SrsAddress.Srs1 srs1) {
      firstHopDomain = srs1.firstHopDomain();
      rest = srs1.firstHopRest();
    } else {
      // The SRS0 local part without its tag: separator, hash, timestamp, domain, local.
      firstHopDomain = address.srsDomain();
      rest = local.substring(4);
    }
    return new SrsAddress.Srs1(
        separator, hash.create(firstHopDomain, rest), firstHopDomain, rest, srsDomain);
  }

  /** The original sender of an SRS address of ours, or why it cannot be reversed. */
  public SrsResult reverse(String address) {
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return new SrsResult.NotApplicable("no '@' in address");
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    if (!domain.equalsIgnoreCase(srsDomain)) {
      return new SrsResult.NotApplicable("not in the SRS domain " + srsDomain);
    }
    if (!SrsAddress.isTagged(local)) {
      return new SrsResult.NotApplicable("not an SRS address");
    }
    SrsAddress parsed;
    try {
      parsed = SrsAddress.parse(local, domain);
    } catch (InvalidSrsAddressException e) {
      return new SrsResult.Invalid(e.getMessage());
    }
    if (parsed instanceof SrsAddress.Srs1 srs1) {
      if (!hash.verify(srs1.hash(), srs1.firstHopDomain(), srs1.firstHopRest())) {
        return new SrsResult.Invalid("SRS1 hash does not match");
      }
      return new SrsResult.Rewritten(srs1.firstHopAddress());
    }
    SrsAddress.Srs0 srs0 = (SrsAddress.Srs0) parsed;
    SrsTimestamp timestamp;
    try {
      timestamp = SrsTimestamp.parse(srs0.timestamp());
    } catch (InvalidSrsAddressException e) {
      return new SrsResult.Invalid(e.getMessage());
    }
    if (!hash.verify(srs0.hash(), srs0.timestamp(), srs0.originalDomain(), srs0.originalLocal())) {
      return new SrsResult.Invalid("SRS0 hash does not match");
    }
    Instant now = clock.instant();
    int age = timestamp.ageInDays(now);
    if (age > maxAgeDays) {
      return new SrsResult.Invalid(
          "SRS0 timestamp " + srs0.timestamp() + " is " + age + " days old, limit " + maxAgeDays);
    }
    return new SrsResult.Rewritten(srs0.originalLocal() + '@' + srs0.originalDomain());
  }

  /** Settings for an {@link SrsRewriter}, validated together at {@link #build()}. */
  public static final class Builder {
    private String srsDomain;
    private SrsSecrets secrets;
    private int hashLength = 4;
    private int hashMinimum = 4;
    private int maxAgeDays = 21;
    private HashEncoding hashEncoding = HashEncoding.BASE64URL;
    private char separator = '=';
    private LocalDomains domains = LocalDomains.none();
    private boolean alwaysRewrite;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The domain SRS addresses are made in (required). */
    public Builder srsDomain(String srsDomain) {
      this.srsDomain = Objects.requireNonNull(srsDomain, "srsDomain");
      return this;
    }

    /** The secrets to sign and verify with (required). */
    public Builder secrets(SrsSecrets secrets) {
      this.secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    /** Hash characters written into new addresses (default 4, at most 27). */
    public Builder hashLength(int hashLength) {
      this.hashLength = hashLength;
      return this;
    }

    /** Fewest hash characters accepted in reverse (default 4, at most the hash length). */
    public Builder hashMinimum(int hashMinimum) {
      this.hashMinimum = hashMinimum;
      return this;
    }

    /** Days an SRS0 address stays reversible (default 21). */
    public Builder maxAgeDays(int maxAgeDays) {
      this.maxAgeDays = maxAgeDays;
      return this;
    }

    /** The base64 alphabet of new hashes (default base64url, as postsrsd 2 writes). */
    public Builder hashEncoding(HashEncoding hashEncoding) {
      this.hashEncoding = Objects.requireNonNull(hashEncoding, "hashEncoding");
      return this;
    }

    /** The separator after the SRS0/SRS1 tag in new addresses: =, + or - (default =). */
    public Builder separator(char separator) {
      this.separator = separator;
      return this;
    }

    /** Sender domains never rewritten; {@code .example.com} means subdomains only. */
    public Builder domains(LocalDomains domains) {
      this.domains = Objects.requireNonNull(domains, "domains");
      return this;
    }

    /** Rewrite senders already in the SRS domain too (default off). */
    public Builder alwaysRewrite(boolean alwaysRewrite) {
      this.alwaysRewrite = alwaysRewrite;
      return this;
    }

    /** The clock for timestamps (default the system clock); tests fix it. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Checks the settings together and makes the rewriter. */
    public SrsRewriter build() throws SrsConfigException {
      if (srsDomain == null || srsDomain.isBlank()) {
        throw new SrsConfigException("srs-domain is required");
      }
      if (srsDomain.contains("@")
          || srsDomain.indexOf(SrsAddress.SEPARATOR) >= 0
          || srsDomain.chars().anyMatch(Character::isWhitespace)) {
        throw new SrsConfigException("srs-domain is not a domain: '" + srsDomain + "'");
      }
      if (secrets == null) {
        throw new SrsConfigException("SRS secrets are required");
      }
      if (hashLength < 4 || hashLength > SrsHash.MAX_LENGTH) {
        throw new SrsConfigException(
            "hash-length must be 4.." + SrsHash.MAX_LENGTH + ", got " + hashLength);
      }
      if (hashMinimum < 4 || hashMinimum > hashLength) {
        throw new SrsConfigException(
            "hash-minimum must be 4..hash-length (" + hashLength + "), got " + hashMinimum);
      }
      if (maxAgeDays < 1 || maxAgeDays >= SrsTimestamp.SLOTS) {
        throw new SrsConfigException(
            "max-age must be 1.." + (SrsTimestamp.SLOTS - 1) + " days, got " + maxAgeDays);
      }
      if (SrsAddress.TAG_SEPARATORS.indexOf(separator) < 0) {
        throw new SrsConfigException(
            "separator must be one of " + SrsAddress.TAG_SEPARATORS + ", got '" + separator + "'");
      }
      return new SrsRewriter(this, new SrsHash(secrets, hashLength, hashMinimum, hashEncoding));
    }
  }
}
