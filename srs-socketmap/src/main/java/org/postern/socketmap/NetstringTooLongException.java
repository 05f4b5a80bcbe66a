package org.postern.socketmap;

import io.netty.handler.codec.EncoderException;

/** An outgoing netstring longer than the peer accepts. */
public final class NetstringTooLongException extends EncoderException {
  private static final long serialVersionUID = 1L;

  /** A payload of {@code length} bytes exceeded {@code limit}. */
  public NetstringTooLongException(int length, int limit) {
    super("netstring payload of " + length + " bytes exceeds the limit of " + limit);
  }
}
