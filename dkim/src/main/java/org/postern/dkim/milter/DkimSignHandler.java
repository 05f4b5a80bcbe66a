package org.postern.dkim.milter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.postern.common.executor.ExecutorSaturatedException;
import org.postern.dkim.message.HeaderField;
import org.postern.dkim.signing.SigningSession;
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
 * Signs the messages of one milter connection that come from internal clients and whose signing
 * domain has a key: headers are kept, the body streams through the hash, and the RSA/Ed25519
 * signature is made on the filter's bounded executor at end of message. The signature fields are
 * inserted at the top of the header.
 */
final class DkimSignHandler implements MilterHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DkimSignHandler.class);

  private final DkimSignFilter filter;
  private boolean internal;
  private List<HeaderField> headers = new ArrayList<>();
  private SigningSession session;

  DkimSignHandler(DkimSignFilter filter) {
    this.filter = filter;
  }

  @Override
  public MilterRequirements requirements() {
    return DkimMilterRequirements.using(Action.ADD_HEADERS);
  }

  @Override
  public CompletionStage<Verdict> mail(MilterContext context, MilterCommand.Mail mail) {
    reset();
    internal = filter.clients().isInternal(context);
    return CONTINUE;
  }

  @Override
  public CompletionStage<Verdict> header(MilterContext context, MilterCommand.Header header) {
    if (internal) {
      headers.add(MilterHeaderText.toField(header));
    }
    return CONTINUE;
  }

  @Override
  public CompletionStage<Verdict> endOfHeaders(MilterContext context) {
    if (!internal) {
      return CONTINUE;
    }
    Optional<SigningSession> signing = signingAddress(context).flatMap(filter::sessionFor);
    if (signing.isPresent()) {
      session = signing.get();
      session.headers(headers);
    }
    headers = new ArrayList<>();
    return CONTINUE;
  }

  @Override
  public CompletionStage<Verdict> body(MilterContext context, MilterCommand.BodyChunk chunk) {
    if (session == null) {
      return SKIP;
    }
    session.body(chunk.bytes());
    return CONTINUE;
  }

  @Override
  public CompletionStage<Verdict> endOfMessage(MilterContext context, MessageModifier modifier) {
    SigningSession signing = session;
    reset();
    if (signing == null) {
      return CONTINUE;
    }
    return filter
        .executor()
        .submit(signing::finish)
        .handleAsync(
            (signatures, failure) -> {
              if (failure != null) {
                return tempfail(context, failure);
              }
              // Inserting each at the top leaves the first key's signature first.
              for (int i = signatures.size() - 1; i >= 0; i--) {
                HeaderField field = signatures.get(i);
                modifier.insertHeader(0, field.name(), MilterHeaderText.toMilter(field.value()));
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

  private Optional<String> signingAddress(MilterContext context) {
    if (filter.domainSource() == SigningDomainSource.ENVELOPE_SENDER) {
      return context.sender().flatMap(mail -> AddressDomain.addressOfEnvelope(mail.sender()));
    }
    return headers.stream()
        .filter(field -> field.is("from"))
        .findFirst()
        .flatMap(field -> AddressDomain.addressOfFromField(field.value()));
  }

  private void reset() {
    internal = false;
    headers = new ArrayList<>();
    session = null;
  }

  static Verdict tempfail(MilterContext context, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof ExecutorSaturatedException
        || cause instanceof java.util.concurrent.RejectedExecutionException) {
      LOG.warn(
          "DKIM {}: crypto threads saturated, answering TEMPFAIL",
          context.queueId().orElse("(no queue id)"));
      return new Verdict.Tempfail();
    }
    throw new CompletionException(cause);
  }
}
