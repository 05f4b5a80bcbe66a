package org.postern.srs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.postern.tcptable.TcpTableHandler;
import org.postern.tcptable.TcpTableReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SRS direction served over tcp_table, as postsrsd 1.x serves forward and reverse on separate
 * ports (10001 and 10002): a rewritten address is {@code 200}; anything else is {@code 500}, so
 * Postfix leaves the address alone, never {@code 400}, which would defer the mail.
 */
public final class SrsTcpTable implements TcpTableHandler {
  private static final Logger log = LoggerFactory.getLogger(SrsTcpTable.class);

  private final String direction;
  private final Function<String, SrsResult> rewrite;

  private SrsTcpTable(String direction, Function<String, SrsResult> rewrite) {
    this.direction = direction;
    this.rewrite = rewrite;
  }

  /** The forward table (for {@code sender_canonical_maps}). */
  public static SrsTcpTable forward(SrsRewriter rewriter) {
    return new SrsTcpTable(SrsSocketmap.FORWARD, rewriter::forward);
  }

  /** The reverse table (for {@code recipient_canonical_maps}). */
  public static SrsTcpTable reverse(SrsRewriter rewriter) {
    return new SrsTcpTable(SrsSocketmap.REVERSE, rewriter::reverse);
  }

  /** Answers at once: one HMAC is cheap enough for the event loop. */
  @Override
  public CompletionStage<TcpTableReply> lookup(String key) {
    return CompletableFuture.completedFuture(reply(key));
  }

  private TcpTableReply reply(String key) {
    SrsResult result = rewrite.apply(key);
    if (result instanceof SrsResult.Rewritten rewritten) {
      log.debug("SRS {} {} -> {}", direction, key, rewritten.address());
      return TcpTableReply.found(rewritten.address());
    }
    if (result instanceof SrsResult.Invalid invalid) {
      if (SrsSocketmap.REVERSE.equals(direction)) {
        // Forged or stale bounce addresses: worth seeing, but they are not errors of ours.
        log.info("SRS reverse refused for {}: {}", key, invalid.reason());
      }
      return TcpTableReply.notFound(invalid.reason());
    }
    SrsResult.NotApplicable notApplicable = (SrsResult.NotApplicable) result;
    log.debug("SRS {} left {} alone: {}", direction, key, notApplicable.reason());
    return TcpTableReply.notFound(notApplicable.reason());
  }

  /** The direction served, for logs. */
  @Override
  public String toString() {
    return "SrsTcpTable[" + direction + "]";
  }
}
