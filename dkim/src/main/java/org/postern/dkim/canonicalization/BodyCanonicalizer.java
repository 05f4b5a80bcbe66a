package org.postern.dkim.canonicalization;

/**
 * Streams a message body through simple or relaxed canonicalisation (RFC 6376 3.4.3, 3.4.4) in
 * constant memory: bare LF counts as a line end, trailing empty (or, relaxed, whitespace-only)
 * lines are held back as a count until more content proves they are not trailing.
 */
public final class BodyCanonicalizer {
  private static final byte[] CRLF = {'\r', '\n'};

  private final boolean relaxed;
  private final BodySink sink;
  // Small: one per signature and message, allocated (and zeroed) for every message.
  private final byte[] buffer = new byte[2048];
  private int buffered;
  private boolean pendingCr;
  private boolean pendingSpace;
  private boolean lineHasContent;
  private long pendingEmptyLines;
  private boolean anyOutput;
  private boolean finished;

  BodyCanonicalizer(boolean relaxed, BodySink sink) {
    this.relaxed = relaxed;
    this.sink = sink;
  }

  /** Feeds raw body bytes; any chunking gives the same result. */
  public void update(byte[] bytes, int offset, int length) {
    if (finished) {
      throw new IllegalStateException("body already finished");
    }
    int end = offset + length;
    int i = offset;
    while (i < end) {
      if (!pendingCr) {
        // Most of a body is runs of bytes that pass unchanged: copy them in bulk.
        int runEnd = plainRun(bytes, i, end);
        if (runEnd > i) {
          contentRun(bytes, i, runEnd - i);
          i = runEnd;
          if (i == end) {
            break;
          }
        }
      }
      byte c = bytes[i++];
      if (pendingCr) {
        pendingCr = false;
        if (c == '\n') {
          endLine();
          continue;
        }
        content((byte) '\r');
      }
      if (c == '\r') {
        pendingCr = true;
      } else if (c == '\n') {
        endLine();
      } else {
        content(c);
      }
    }
  }

  /**
   * Where the run of bytes starting at {@code start} that canonicalisation copies as they are ends:
   * no line end, and in relaxed mode no whitespace except single spaces between two such bytes.
   */
  private int plainRun(byte[] bytes, int start, int end) {
    int i = start;
    while (i < end) {
      byte c = bytes[i];
      // Printable ASCII and 8-bit bytes (negative here) are never special: one test for most.
      if (c > ' ' || c < 0) {
        i++;
        continue;
      }
      if (c == '\r' || c == '\n') {
        return i;
      }
      if (relaxed && (c == ' ' || c == '\t')) {
        boolean loneSpaceBetweenContent =
            c == ' ' && i > start && i + 1 < end && !isSpecial(bytes[i + 1]);
        if (!loneSpaceBetweenContent) {
          return i;
        }
      }
      i++;
    }
    return i;
  }

  private static boolean isSpecial(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private void contentRun(byte[] bytes, int from, int length) {
    flushEmptyLines();
    if (pendingSpace) {
      emit((byte) ' ');
      pendingSpace = false;
    }
    int position = from;
    int left = length;
    while (left > 0) {
      if (buffered == buffer.length) {
        flush();
      }
      int count = Math.min(left, buffer.length - buffered);
      System.arraycopy(bytes, position, buffer, buffered, count);
      buffered += count;
      position += count;
      left -= count;
    }
    anyOutput = true;
    lineHasContent = true;
  }

  /** Feeds all of {@code bytes}. */
  public void update(byte[] bytes) {
    update(bytes, 0, bytes.length);
  }

  /** Ends the body: completes a last line without line end and applies the empty-body rule. */
  public void finish() {
    if (finished) {
      return;
    }
    if (pendingCr) {
      pendingCr = false;
      content((byte) '\r');
    }
    if (lineHasContent) {
      endLine();
    }
    if (!relaxed && !anyOutput) {
      emit(CRLF, 2);
    }
    flush();
    finished = true;
  }

  private void content(byte c) {
    if (relaxed && (c == ' ' || c == '\t')) {
      pendingSpace = true;
      return;
    }
    flushEmptyLines();
    if (pendingSpace) {
      emit((byte) ' ');
      pendingSpace = false;
    }
    emit(c);
    lineHasContent = true;
  }

  private void endLine() {
    pendingSpace = false;
    if (lineHasContent) {
      emit(CRLF, 2);
      lineHasContent = false;
    } else {
      pendingEmptyLines++;
    }
  }

  private void flushEmptyLines() {
    for (; pendingEmptyLines > 0; pendingEmptyLines--) {
      emit(CRLF, 2);
    }
  }

  private void emit(byte c) {
    if (buffered == buffer.length) {
      flush();
    }
    buffer[buffered++] = c;
    anyOutput = true;
  }

  private void emit(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      emit(bytes[i]);
    }
  }

  private void flush() {
    if (buffered > 0) {
      sink.write(buffer, 0, buffered);
      buffered = 0;
    }
  }
}
