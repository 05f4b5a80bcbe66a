package org.postern.socketmap;

import java.util.concurrent.CompletionStage;

/**
 * Answers socketmap lookups. Called on a Netty event loop: return quickly, and hand any slow or
 * blocking work to an executor, completing the stage from there.
 */
@FunctionalInterface
public interface SocketmapHandler {
  /** The reply for {@code request}; a failed stage is answered with {@code TEMP}. */
  CompletionStage<SocketmapReply> lookup(SocketmapRequest request);
}
