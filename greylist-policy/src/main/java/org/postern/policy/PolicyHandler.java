package org.postern.policy;

import java.util.concurrent.CompletionStage;

/**
 * Decides policy requests. Called on a Netty event loop: return quickly and hand slow or blocking
 * work to an executor, completing the stage from there.
 */
@FunctionalInterface
public interface PolicyHandler {
  /**
   * The action for {@code request}. A failed stage (or a thrown exception) makes the server send
   * nothing and close the connection, so Postfix applies its default action.
   */
  CompletionStage<PolicyAction> decide(PolicyRequest request);
}
