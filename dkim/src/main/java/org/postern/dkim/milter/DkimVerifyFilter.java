package org.postern.dkim.milter;

import java.time.Duration;
import org.postern.authres.AuthservIdFilter;
import org.postern.common.executor.BoundedExecutor;
import org.postern.dkim.verification.DkimVerifier;
import org.postern.milter.filter.MilterFilter;
import org.postern.milter.handler.MilterHandler;

/**
 * The configured {@code dkim-verify} filter: the verifier (with its cached key lookup and bounded
 * threads), the authserv-id and the internal clients, shared by every connection's {@link
 * DkimVerifyHandler}.
 */
public final class DkimVerifyFilter implements MilterFilter {
  private final DkimVerifier verifier;
  private final String authservId;
  private final AuthservIdFilter forgedResults;
  private final InternalClients clients;
  private final Duration timeout;
  private final BoundedExecutor executor;

  /**
   * Verifies with {@code verifier} (whose executor should be {@code executor}), reporting as {@code
   * authservId}; a message waits at most {@code timeout} for its keys.
   */
  public DkimVerifyFilter(
      DkimVerifier verifier,
      String authservId,
      InternalClients clients,
      Duration timeout,
      BoundedExecutor executor) {
    this.verifier = verifier;
    this.authservId = authservId;
    this.forgedResults = new AuthservIdFilter(authservId);
    this.clients = clients;
    this.timeout = timeout;
    this.executor = executor;
  }

  @Override
  public MilterHandler newHandler() {
    return new DkimVerifyHandler(this);
  }

  DkimVerifier verifier() {
    return verifier;
  }

  String authservId() {
    return authservId;
  }

  AuthservIdFilter forgedResults() {
    return forgedResults;
  }

  InternalClients clients() {
    return clients;
  }

  Duration timeout() {
    return timeout;
  }

  @Override
  public void close() {
    executor.close();
  }
}
