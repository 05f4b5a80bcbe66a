package org.postern.socketmap;

import java.util.Objects;

/**
 * One socketmap reply: a status and its data ({@code OK data}, {@code NOTFOUND }, {@code TEMP
 * reason}, {@code TIMEOUT reason}, {@code PERM reason}).
 *
 * @param status what happened
 * @param data the value for {@code OK}, a reason otherwise, empty for {@code NOTFOUND}
 */
public record SocketmapReply(Status status, String data) {
  /** Largest reply payload in bytes that Postfix accepts. */
  public static final int POSTFIX_MAX_LENGTH = 100_000;

  /** The reply statuses Postfix understands. */
  public enum Status {
    /** Found; the data is the value. */
    OK,
    /** Not found; Postfix tries its next map or keeps the key. */
    NOTFOUND,
    /** Temporary failure; Postfix defers. */
    TEMP,
    /** Timed out; Postfix defers. */
    TIMEOUT,
    /** Permanent failure; Postfix treats the lookup as a configuration error. */
    PERM
  }

  /** Checks the fields. */
  public SocketmapReply {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(data, "data");
  }

  /** A found value. */
  public static SocketmapReply ok(String value) {
    return new SocketmapReply(Status.OK, value);
  }

  /** Nothing found. */
  public static SocketmapReply notFound() {
    return new SocketmapReply(Status.NOTFOUND, "");
  }

  /** A temporary failure. */
  public static SocketmapReply temp(String reason) {
    return new SocketmapReply(Status.TEMP, reason);
  }

  /** A timeout. */
  public static SocketmapReply timeout(String reason) {
    return new SocketmapReply(Status.TIMEOUT, reason);
  }

  /** A permanent failure. */
  public static SocketmapReply perm(String reason) {
    return new SocketmapReply(Status.PERM, reason);
  }

  /** The netstring payload: status, a space, data ({@code "NOTFOUND "} keeps its space). */
  public String encode() {
    return status.name() + ' ' + data;
  }

  /** Parses a reply payload, as a socketmap client reads it. */
  public static SocketmapReply parse(String payload) throws MalformedSocketmapMessageException {
    int space = payload.indexOf(' ');
    if (space < 0) {
      throw new MalformedSocketmapMessageException("socketmap reply has no space after the status");
    }
    String status = payload.substring(0, space);
    for (Status candidate : Status.values()) {
      if (candidate.name().equals(status)) {
        return new SocketmapReply(candidate, payload.substring(space + 1));
      }
    }
    throw new MalformedSocketmapMessageException("unknown socketmap reply status '" + status + "'");
  }
}
