package org.postern.socketmap;

import io.netty.handler.codec.DecoderException;

/** Bytes that are not a netstring within the limits; the connection cannot be resynchronised. */
public final class MalformedNetstringException extends DecoderException {
  private static final long serialVersionUID = 1L;

  /** A framing error described by {@code reason}. */
  public MalformedNetstringException(String reason) {
    super(reason);
  }
}
