package org.postern.srs;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.postern.common.address.ListenAddress;
import org.postern.socketmap.SocketmapHandler;
import org.postern.socketmap.SocketmapReply;
import org.postern.socketmap.SocketmapRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socketmap maps {@code forward} (for {@code sender_canonical_maps}) and {@code reverse} (for
 * {@code recipient_canonical_maps}). Anything that is not rewritten is {@code NOTFOUND}, never
 * {@code PERM}: Postfix would bounce on PERM, and an unverifiable SRS address must just not match.
 * Only an unknown map name, a configuration error, is {@code PERM}.
 */
public final class SrsSocketmap implements SocketmapHandler {
  /** Map name for rewriting senders into SRS addresses. */
  public static final String FORWARD = "forward";

  /** Map name for reversing SRS addresses into the original sender. */
  public static final String REVERSE = "reverse";

  private static final Logger log = LoggerFactory.getLogger(SrsSocketmap.class);

  private final SrsRewriter rewriter;

  /** Maps answered by {@code rewriter}. */
  public SrsSocketmap(SrsRewriter rewriter) {
    this.rewriter = rewriter;
  }

  /**
   * The main.cf lines that make Postfix rewrite envelope senders through {@code forward} and
   * recipients through {@code reverse} at {@code address} (a wildcard host becomes loopback).
   */
  public static List<String> postfixLines(ListenAddress address) {
    String table = "socketmap:" + reachable(address) + ":";
    return List.of(
        "sender_canonical_maps = " + table + FORWARD,
        "sender_canonical_classes = envelope_sender",
        "recipient_canonical_maps = " + table + REVERSE,
        "recipient_canonical_classes = envelope_recipient, header_recipient");
  }

  // Postfix must connect somewhere concrete: 0.0.0.0 and :: accept on loopback too.
  private static ListenAddress reachable(ListenAddress address) {
    if (address instanceof ListenAddress.Inet inet) {
      if (inet.host().equals("0.0.0.0") || inet.host().equals("*")) {
        return new ListenAddress.Inet("127.0.0.1", inet.port());
      }
      if (inet.host().equals("::") || inet.host().equals("0:0:0:0:0:0:0:0")) {
        return new ListenAddress.Inet("::1", inet.port());
      }
    }
    return address;
  }

  /** Answers at once: one HMAC is cheap enough for the event loop. */
  @Override
  public CompletionStage<SocketmapReply> lookup(SocketmapRequest request) {
    return CompletableFuture.completedFuture(reply(request));
  }

  private SocketmapReply reply(SocketmapRequest request) {
    switch (request.mapName()) {
      case FORWARD:
        return toReply(rewriter.forward(request.key()), FORWARD, request.key());
      case REVERSE:
        return toReply(rewriter.reverse(request.key()), REVERSE, request.key());
      default:
        log.warn("socketmap lookup in unknown map '{}'", request.mapName());
        return SocketmapReply.perm(
            "unknown map " + request.mapName() + " (expected " + FORWARD + " or " + REVERSE + ")");
    }
  }

  private static SocketmapReply toReply(SrsResult result, String map, String key) {
    if (result instanceof SrsResult.Rewritten rewritten) {
      log.debug("SRS {} {} -> {}", map, key, rewritten.address());
      return SocketmapReply.ok(rewritten.address());
    }
    if (result instanceof SrsResult.Invalid invalid && REVERSE.equals(map)) {
      // Forged or stale bounce addresses: worth seeing, but they are not errors of ours.
      log.info("SRS reverse refused for {}: {}", key, invalid.reason());
    } else {
      log.debug("SRS {} left {} alone: {}", map, key, result);
    }
    return SocketmapReply.notFound();
  }
}
