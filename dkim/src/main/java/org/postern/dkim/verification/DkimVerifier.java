package org.postern.dkim.verification;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.postern.dkim.dns.KeyLookup;
import org.postern.dkim.message.HeaderField;
import org.postern.dkim.message.MessageReader;

/**
 * Verifies DKIM signatures (rsa-sha256, rsa-sha1, ed25519-sha256): immutable and thread-safe; each
 * message gets a {@link VerificationSession}. Keys come from a {@link KeyLookup}, asynchronously.
 */
public final class DkimVerifier {
  private final KeyLookup keyLookup;
  private final int maxSignatures;
  private final int minimumRsaBits;
  private final boolean acceptSha1;
  private final boolean acceptDraftSignatures;
  private final Clock clock;
  private final Executor executor;

  private DkimVerifier(Builder builder) {
    this.keyLookup = builder.keyLookup;
    this.maxSignatures = builder.maxSignatures;
    this.minimumRsaBits = builder.minimumRsaBits;
    this.acceptSha1 = builder.acceptSha1;
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

  boolean acceptSha1() {
    return acceptSha1;
  }

  boolean acceptDraftSignatures() {
    return acceptDraftSignatures;
  }

  Clock clock() {
    return clock;
  }

  Executor executor() {
    return executor;
  }

  /** Configures a {@link DkimVerifier}; {@link #build()} validates. */
  public static final class Builder {
    private final KeyLookup keyLookup;
    private int maxSignatures = 5;
    private int minimumRsaBits = 1024;
    private boolean acceptSha1 = true;
    private boolean acceptDraftSignatures;
    private Clock clock = Clock.systemUTC();
    private Executor executor = Runnable::run;

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
      this.acceptSha1 = accept;
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

    /** The clock for {@code x=} expiry. */
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
