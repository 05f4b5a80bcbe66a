package org.postern.screen.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Splits what a client sends into lines while the proxy talks SMTP itself; knows whether more bytes
 * wait after a line (the pipelining test) and refuses lines over a length limit.
 */
public final class LineBuffer implements AutoCloseable {
  private final int maxLength;
  private final ByteBuf pending = Unpooled.buffer();

  /** Accepts lines of at most {@code maxLength} bytes, terminator excluded. */
  public LineBuffer(int maxLength) {
    this.maxLength = maxLength;
  }

  /** Appends {@code bytes} (not released: the caller owns them). */
  public void append(ByteBuf bytes) {
    pending.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
  }

  /**
   * The next complete line, or null when none is complete yet.
   *
   * @throws LineTooLongException when a line passes the limit
   */
  public ClientLine next() throws LineTooLongException {
    int end = pending.indexOf(pending.readerIndex(), pending.writerIndex(), (byte) '\n');
    if (end < 0) {
      if (pending.readableBytes() > maxLength) {
        throw new LineTooLongException(maxLength);
      }
      return null;
    }
    int length = end - pending.readerIndex();
    boolean crlf = length > 0 && pending.getByte(end - 1) == '\r';
    int textLength = crlf ? length - 1 : length;
    if (textLength > maxLength) {
      throw new LineTooLongException(maxLength);
    }
    String text = pending.toString(pending.readerIndex(), textLength, StandardCharsets.ISO_8859_1);
    pending.readerIndex(end + 1);
    pending.discardReadBytes();
    return new ClientLine(text, !crlf);
  }

  /** Whether bytes wait after the lines taken so far. */
  public boolean hasMore() {
    return pending.isReadable();
  }

  /** Frees the buffer. */
  @Override
  public void close() {
    pending.release();
  }
}
