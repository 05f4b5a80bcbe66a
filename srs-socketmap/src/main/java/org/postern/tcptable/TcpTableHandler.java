package org.postern.tcptable;

import java.util.concurrent.CompletionStage;

/**
 * Answers tcp_table lookups. Called on a Netty event loop: return quickly, and hand any slow or
 * blocking work to an executor, completing the stage from there.
 */
@FunctionalInterface
public interface TcpTableHandler {
  /** The reply for {@code key}; a failed stage is answered with {@code 400}. */
  CompletionStage<TcpTableReply> lookup(String key);
}
