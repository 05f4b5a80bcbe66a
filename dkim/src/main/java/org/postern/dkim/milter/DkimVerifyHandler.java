package org.postern.dkim.milter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.postern.authres.AuthenticationResults;
import org.postern.authres.MethodResult;
import org.postern.dkim.verification.DkimAuthenticationResults;
import org.postern.dkim.verification.DkimResult;
import org.postern.dkim.verification.VerificationSession;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.handler.MessageModifier;
import org.postern.milter.handler.MilterContext;
import org.postern.milter.handler.MilterHandler;
import org.postern.milter.negotiation.Action;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.reply.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the DKIM signatures of one connection's messages from external clients: headers go into
 * a verification session, the body streams through its hashes (key lookups start with the body),
 * and at end of message incoming {@code Authentication-Results} claiming our authserv-id are
 * deleted and ours is inserted at the top.
 */
final class DkimVerifyHandler implements MilterHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DkimVerifyHandler.class);

  private final DkimVerifyFilter filter;
  private VerificationSession session;
  private int resultsFields;
  private List<Integer> forged = new ArrayList<>();

  DkimVerifyHandler(DkimVerifyFilter filter) {
    this.filter = filter;
  }

  @Override
  public MilterRequirements requirements() {
    return DkimMilterRequirements.using(Action.ADD_HEADERS, Action.CHANGE_HEADERS);
  }

  @Override
  public CompletionStage<Verdict> mail(MilterContext context, MilterCommand.Mail mail) {
    reset();
    if (!filter.clients().isInternal(context)) {
      session = filter.verifier().newSession();
    }
    return CONTINUE;
  }

  @Override
  public CompletionStage<Verdict> header(MilterContext context, MilterCommand.Header header) {
    if (session == null) {
      return CONTINUE;
    }
    if (header.name().strip().equalsIgnoreCase(AuthenticationResults.FIELD_NAME)) {
      resultsFields++;
      if (filter.forgedResults().claimsOurs(header.name(), header.value())) {
        forged.add(resultsFields);
      }
    }
    session.header(MilterHeaderText.toField(header));
    return CONTINUE;
  }

  @Override
  public CompletionStage<Verdict> body(MilterContext context, MilterCommand.BodyChunk chunk) {
    if (session == null) {
      return SKIP;
    }
    session.body(chunk.bytes(), 0, chunk.length());
    return CONTINUE;
  }

  @Override
  public CompletionStage<Verdict> endOfMessage(MilterContext context, MessageModifier modifier) {
    VerificationSession verifying = session;
    List<Integer> toDelete = forged;
    reset();
    if (verifying == null) {
      return CONTINUE;
    }
    return verifying
        .finish()
        .toCompletableFuture()
        .completeOnTimeout(null, filter.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .handleAsync(
            (results, failure) -> {
              if (failure != null) {
                return DkimSignHandler.tempfail(context, failure);
              }
              // Highest index first, so deleting one does not renumber the next.
              for (int i = toDelete.size() - 1; i >= 0; i--) {
                modifier.deleteHeader(toDelete.get(i), AuthenticationResults.FIELD_NAME);
              }
              String value =
                  resultsValue(
                      results != null ? results : verifying.resultsSoFar("key lookup timed out"));
              modifier.insertHeader(
                  0, AuthenticationResults.FIELD_NAME, MilterHeaderText.toMilter(value));
              if (LOG.isDebugEnabled()) {
                LOG.debug("DKIM {}: {}", context.queueId().orElse("(no queue id)"), value.strip());
              }
              return new Verdict.Continue();
            },
            context.executor());
  }

  @Override
  public void abort(MilterContext context) {
    reset();
  }

  @Override
  public void close(MilterContext context) {
    reset();
  }

  private String resultsValue(List<DkimResult> results) {
    List<MethodResult> methods = DkimAuthenticationResults.of(results);
    return AuthenticationResults.forAuthservId(filter.authservId()).addAll(methods).value();
  }

  private void reset() {
    session = null;
    resultsFields = 0;
    forged = new ArrayList<>();
  }
}
