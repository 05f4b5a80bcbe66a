package org.postern.policy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames policy requests ({@code name=value} lines ended by an empty line) into {@link
 * PolicyRequest}s, within {@link PolicyLimits}. A malformed request or an exceeded limit raises
 * {@link MalformedPolicyRequestException}; after that all further input is discarded, since the
 * stream cannot be trusted.
 */
public final class PolicyRequestDecoder extends ByteToMessageDecoder {
  private final PolicyLimits limits;
  private boolean failed;
  // Progress through the request at the reader index, so partial reads are not rescanned.
  private int scanned;
  private int lineStart;
  private int lines;

  /** A decoder enforcing {@code limits}. */
  public PolicyRequestDecoder(PolicyLimits limits) {
    this.limits = limits;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int base = in.readerIndex();
    int readable = in.readableBytes();
    while (scanned < readable) {
      if (scanned >= limits.maxRequestBytes()) {
        throw fail(
            in,
            new PolicyLimitExceededException(
                "request exceeds " + limits.maxRequestBytes() + " bytes"));
      }
      // Jump to the next newline within the limits; the byte at a limit is checked one by one.
      int windowEnd =
          Math.min(
              readable, Math.min(limits.maxRequestBytes(), lineStart + limits.maxLineLength()));
      if (scanned < windowEnd) {
        int newline = in.indexOf(base + scanned, base + windowEnd, (byte) '\n');
        if (newline < 0) {
          scanned = windowEnd;
          continue;
        }
        scanned = newline - base;
      }
      byte b = in.getByte(base + scanned);
      if (b == '\n') {
        if (scanned == lineStart) {
          int length = scanned + 1;
          Map<String, String> attributes;
          PolicyRequest request;
          try {
            attributes = parseAttributes(in.toString(base, scanned, StandardCharsets.UTF_8));
            request = new PolicyRequest(attributes);
          } catch (MalformedPolicyRequestException e) {
            throw fail(in, e);
          }
          in.skipBytes(length);
          scanned = 0;
          lineStart = 0;
          lines = 0;
          out.add(request);
          return;
        }
        lines++;
        if (lines > limits.maxAttributes()) {
          throw fail(
              in,
              new PolicyLimitExceededException(
                  "request has more than " + limits.maxAttributes() + " attributes"));
        }
        lineStart = scanned + 1;
      } else if (scanned - lineStart >= limits.maxLineLength()) {
        throw fail(
            in,
            new PolicyLimitExceededException(
                "line longer than " + limits.maxLineLength() + " bytes"));
      }
      scanned++;
    }
  }

  // The text holds whole lines, each ended by '\n'; found by index, not split, to spare copies.
  private static Map<String, String> parseAttributes(String text) {
    Map<String, String> attributes = new LinkedHashMap<>();
    int number = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      if (end > start) {
        number++;
        int equals = text.indexOf('=', start);
        if (equals < 0 || equals > end) {
          throw new MalformedPolicyRequestException("line " + number + " has no '='");
        }
        if (equals == start) {
          throw new MalformedPolicyRequestException("line " + number + " has an empty name");
        }
        String name = text.substring(start, equals);
        if (attributes.put(name, text.substring(equals + 1, end)) != null) {
          throw new MalformedPolicyRequestException(
              "attribute '" + name + "' repeated at line " + number);
        }
      }
      start = end + 1;
    }
    return attributes;
  }

  private MalformedPolicyRequestException fail(ByteBuf in, MalformedPolicyRequestException error) {
    failed = true;
    in.skipBytes(in.readableBytes());
    return error;
  }
}
