package org.postern.dkim.signing;

import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.postern.dkim.canonicalization.Canonicalization;
import org.postern.dkim.crypto.RsaProvider;
import org.postern.dkim.keys.SigningKey;

/**
 * Signs messages with one or more keys (typically a domain's RSA and Ed25519 key): immutable and
 * thread-safe; each message gets its own {@link SigningSession}. Built with {@link #builder()}.
 */
public final class DkimSigner {
  /** The header fields signed by default (RFC 6376 5.4.1's recommendations). */
  public static final List<String> DEFAULT_HEADERS =
      List.of(
          "from",
          "reply-to",
          "subject",
          "date",
          "to",
          "cc",
          "message-id",
          "in-reply-to",
          "references",
          "mime-version",
          "content-type",
          "content-transfer-encoding",
          "list-id",
          "list-unsubscribe",
          "list-unsubscribe-post");

  private final List<SigningKey> keys;
  private final List<String> headers;
  private final boolean oversign;
  private final Canonicalization headerCanonicalization;
  private final Canonicalization bodyCanonicalization;
  private final Optional<Duration> validity;
  private final Clock clock;
  private final RsaProvider rsaProvider;

  private DkimSigner(Builder builder, List<SigningKey> keys) {
    this.keys = keys;
    this.rsaProvider = builder.rsaProvider;
    this.headers = List.copyOf(builder.headers);
    this.oversign = builder.oversign;
    this.headerCanonicalization = builder.headerCanonicalization;
    this.bodyCanonicalization = builder.bodyCanonicalization;
    this.validity = Optional.ofNullable(builder.validity);
    this.clock = builder.clock;
  }

  /** A builder with relaxed/relaxed, the default headers, oversigning and no expiry. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts signing one message. */
  public SigningSession newSession() {
    return new SigningSession(this, null);
  }

  /**
   * Starts signing one message with the agent identity {@code i=} (an address or {@code @domain}).
   *
   * @throws IllegalArgumentException when the identity's domain is not every key's {@code d=} or a
   *     subdomain of it (RFC 6376 3.5)
   */
  public SigningSession newSession(String identity) {
    int at = identity.lastIndexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException("agent identity " + identity + " has no @");
    }
    String domain = identity.substring(at + 1).toLowerCase(Locale.ROOT);
    for (SigningKey key : keys) {
      if (!domain.equals(key.domain()) && !domain.endsWith("." + key.domain())) {
        throw new IllegalArgumentException(
            "agent identity " + identity + " is outside d=" + key.domain());
      }
    }
    return new SigningSession(this, identity);
  }

  List<SigningKey> keys() {
    return keys;
  }

  List<String> headers() {
    return headers;
  }

  boolean oversign() {
    return oversign;
  }

  Canonicalization headerCanonicalization() {
    return headerCanonicalization;
  }

  Canonicalization bodyCanonicalization() {
    return bodyCanonicalization;
  }

  Optional<Duration> validity() {
    return validity;
  }

  Clock clock() {
    return clock;
  }

  RsaProvider rsaProvider() {
    return rsaProvider;
  }

  /** Configures a {@link DkimSigner}; {@link #build()} validates. */
  public static final class Builder {
    private final List<SigningKey> keys = new ArrayList<>();
    private List<String> headers = DEFAULT_HEADERS;
    private boolean oversign = true;
    private Canonicalization headerCanonicalization = Canonicalization.RELAXED;
    private Canonicalization bodyCanonicalization = Canonicalization.RELAXED;
    private Duration validity;
    private Clock clock = Clock.systemUTC();
    private RsaProvider rsaProvider = RsaProvider.preferred();

    private Builder() {}

    /** Adds a key; each key yields one DKIM-Signature field. */
    public Builder key(SigningKey key) {
      keys.add(Objects.requireNonNull(key));
      return this;
    }

    /** Adds several keys. */
    public Builder keys(List<SigningKey> more) {
      more.forEach(this::key);
      return this;
    }

    /** The header field names to sign (must include {@code from}). */
    public Builder headers(List<String> names) {
      this.headers = names.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
      return this;
    }

    /**
     * Whether each signed name is listed once more than it occurs, so adding another instance (a
     * second From) breaks the signature. Default true.
     */
    public Builder oversign(boolean enabled) {
      this.oversign = enabled;
      return this;
    }

    /** Header and body canonicalisation ({@code c=}); default relaxed/relaxed. */
    public Builder canonicalization(Canonicalization header, Canonicalization body) {
      this.headerCanonicalization = Objects.requireNonNull(header);
      this.bodyCanonicalization = Objects.requireNonNull(body);
      return this;
    }

    /** Adds {@code x=} this long after {@code t=}; null for none (the default). */
    public Builder validity(Duration duration) {
      this.validity = duration;
      return this;
    }

    /** The clock for {@code t=}. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    /** Where RSA signatures are computed; default {@link RsaProvider#preferred()}. */
    public Builder rsaProvider(RsaProvider provider) {
      this.rsaProvider = Objects.requireNonNull(provider);
      return this;
    }

    /**
     * The signer.
     *
     * @throws IllegalStateException without keys, without {@code from} in the headers, with a
     *     non-positive validity, or with a key the RSA provider cannot take
     */
    public DkimSigner build() {
      if (keys.isEmpty()) {
        throw new IllegalStateException("no signing key");
      }
      if (!headers.contains("from")) {
        throw new IllegalStateException("the signed headers must include from");
      }
      if (headers.stream().anyMatch(name -> name.isEmpty() || name.contains(":"))) {
        throw new IllegalStateException("invalid header name in " + headers);
      }
      if (validity != null && (validity.isNegative() || validity.isZero())) {
        throw new IllegalStateException("validity must be positive");
      }
      List<SigningKey> adopted = new ArrayList<>();
      for (SigningKey key : keys) {
        try {
          adopted.add(key.adoptedBy(rsaProvider));
        } catch (InvalidKeyException e) {
          throw new IllegalStateException(key + ": " + e.getMessage(), e);
        }
      }
      return new DkimSigner(this, List.copyOf(adopted));
    }
  }
}
