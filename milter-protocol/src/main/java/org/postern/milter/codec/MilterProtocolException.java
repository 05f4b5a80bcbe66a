package org.postern.milter.codec;

import io.netty.handler.codec.DecoderException;

/**
 * The peer broke the milter protocol: the connection cannot continue and should be closed after
 * logging {@link #getMessage()}. Extends {@link DecoderException} so Netty passes it on as is.
 */
public final class MilterProtocolException extends DecoderException {
  private static final long serialVersionUID = 1L;

  /** What kind of violation this is, for logs, stats and tests. */
  public enum Reason {
    /** The first bytes spell ASCII: HTTP or SMTP was pointed at the milter port. */
    FOREIGN_PROTOCOL,
    /** A frame is longer than the configured maximum. */
    FRAME_TOO_LARGE,
    /** A frame does not parse: zero length, unknown code, truncated or unterminated fields. */
    MALFORMED,
    /** A well-formed message arrived where the protocol does not allow it. */
    OUT_OF_ORDER
  }

  private final Reason reason;

  /** A violation of kind {@code reason}, described by {@code message}. */
  public MilterProtocolException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The kind of violation. */
  public Reason reason() {
    return reason;
  }
}
