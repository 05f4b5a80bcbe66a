package org.postern.dkim.canonicalization;

/** Receives canonical body bytes (typically a digest, possibly length-limited). */
@FunctionalInterface
public interface BodySink {

  /** Accepts {@code length} canonical bytes from {@code bytes} at {@code offset}. */
  void write(byte[] bytes, int offset, int length);
}
