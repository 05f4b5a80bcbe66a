package org.postern.dkim.verification;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.postern.dkim.crypto.RsaProvider;
import org.postern.dkim.dns.KeyLookup;
import org.postern.dkim.message.HeaderField;
import org.postern.dkim.message.MessageReader;

/**
 * Verifies DKIM signatures (rsa-sha256, rsa-sha1, ed25519-sha256): immutable and thread-safe; each
 * message gets a {@link VerificationSession}. Keys come from a {@link KeyLookup}, asynchronously.
 */
public final class DkimVerifier {
  /** The default allowance for signer clocks: 5 minutes, OpenDKIM's ClockDrift default. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

  private final KeyLookup keyLookup;
  private final int maxSignatures;
  private final int minimumRsaBits;
  private final DkimStatus rsaSha1Status;
  private final Duration clockSkew;
  private final boolean acceptDraftSignatures;
  private final Clock clock;
  private final Executor executor;
  private final RsaProvider rsaProvider;

  private DkimVerifier(Builder builder) {
    this.rsaProvider = builder.rsaProvider;
    this.keyLookup = builder.keyLookup;
    this.maxSignatures = builder.maxSignatures;
    this.minimumRsaBits = builder.minimumRsaBits;
    this.rsaSha1Status = builder.rsaSha1Status;
    this.clockSkew = builder.clockSkew;
    this.acceptDraftSignatures = builder.acceptDraftSignatures;
    this.clock = builder.clock;
    this.executor = builder.executor;
  }

  /** A builder; only the key lookup is required. */
  public static Builder builder(KeyLookup keyLookup) {
    return new Builder(keyLookup);
  }

  /** Starts verifying one message. */
  public VerificationSession newSession() {
    return new VerificationSession(this);
  }

  /**
   * Reads a whole message from a stream (headers, then the body streamed through the hashes) and
   * verifies it; one result per signature, or a single {@link DkimStatus#NONE} result.
   */
  public CompletionStage<List<DkimResult>> verify(InputStream message) throws IOException {
    InputStream in =
        message instanceof BufferedInputStream ? message : new BufferedInputStream(message);
    VerificationSession session = newSession();
    for (HeaderField field : MessageReader.readHeaders(in)) {
      session.header(field);
    }
    byte[] buffer = new byte[16384];
    int read;
    while ((read = in.read(buffer)) >= 0) {
      session.body(buffer, 0, read);
    }
    return session.finish();
  }

  KeyLookup keyLookup() {
    return keyLookup;
  }

  int maxSignatures() {
    return maxSignatures;
  }

  int minimumRsaBits() {
    return minimumRsaBits;
  }

  DkimStatus rsaSha1Status() {
    return rsaSha1Status;
  }

  Duration clockSkew() {
    return clockSkew;
  }

  boolean acceptDraftSignatures() {
    return acceptDraftSignatures;
  }

  Clock clock() {
    return clock;
  }

  RsaProvider rsaProvider() {
    return rsaProvider;
  }

  Executor executor() {
    return executor;
  }

  /** Configures a {@link DkimVerifier}; {@link #build()} validates. */
  public static final class Builder {
    private final KeyLookup keyLookup;
    private int maxSignatures = 5;
    private int minimumRsaBits = 1024;
    private DkimStatus rsaSha1Status = DkimStatus.PASS;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private boolean acceptDraftSignatures;
    private Clock clock = Clock.systemUTC();
    private Executor executor = Runnable::run;
    private RsaProvider rsaProvider = RsaProvider.preferred();

    private Builder(KeyLookup keyLookup) {
      this.keyLookup = Objects.requireNonNull(keyLookup, "keyLookup");
    }

    /** At most this many signatures are checked per message (default 5); later ones are ignored. */
    public Builder maxSignatures(int count) {
      this.maxSignatures = count;
      return this;
    }

    /** RSA keys shorter than this are permerror (default 1024). */
    public Builder minimumRsaBits(int bits) {
      this.minimumRsaBits = bits;
      return this;
    }

    /** Whether a verified rsa-sha1 signature passes (default) or is reported as policy. */
    public Builder acceptSha1(boolean accept) {
      return rsaSha1Status(accept ? DkimStatus.PASS : DkimStatus.POLICY);
    }

    /**
     * The result of an rsa-sha1 signature that verifies: {@link DkimStatus#PASS} (default), {@link
     * DkimStatus#POLICY} or {@link DkimStatus#FAIL} (RFC 8301 forbids signing with it).
     */
    public Builder rsaSha1Status(DkimStatus status) {
      if (status != DkimStatus.PASS && status != DkimStatus.POLICY && status != DkimStatus.FAIL) {
        throw new IllegalArgumentException("rsa-sha1 may pass, be policy or fail, not " + status);
      }
      this.rsaSha1Status = status;
      return this;
    }

    /**
     * How far the signer's clock may be ahead ({@code t=} in the future) or behind ({@code x=} just
     * past) before the signature fails; default 300 s, as OpenDKIM's ClockDrift.
     */
    public Builder clockSkew(Duration allowance) {
      if (allowance.isNegative()) {
        throw new IllegalArgumentException("clock skew must not be negative");
      }
      this.clockSkew = allowance;
      return this;
    }

    /**
     * Whether signatures of the pre-RFC drafts (no {@code v=}, no {@code bh=}: the body is then not
     * covered) are checked instead of being permerror. Default false; for old corpora.
     */
    public Builder acceptDraftSignatures(boolean accept) {
      this.acceptDraftSignatures = accept;
      return this;
    }

    /** The clock for {@code t=} and {@code x=}. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Where the public-key operations run once a key arrives (default: the thread completing the
     * lookup). A milter passes its bounded CPU executor so event loops never verify RSA.
     */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value);
      return this;
    }

    /** Where RSA signatures are checked; default {@link RsaProvider#preferred()}. */
    public Builder rsaProvider(RsaProvider provider) {
      this.rsaProvider = Objects.requireNonNull(provider);
      return this;
    }

    /**
     * The verifier.
     *
     * @throws IllegalStateException for a non-positive signature limit or key size
     */
    public DkimVerifier build() {
      if (maxSignatures < 1) {
        throw new IllegalStateException("maxSignatures must be at least 1");
      }
      if (minimumRsaBits < 1) {
        throw new IllegalStateException("minimumRsaBits must be positive");
      }
      return new DkimVerifier(this);
    }
  }
}
