package org.postern.milter.server;

import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.handler.MilterContext;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.NegotiatedOptions;
import org.postern.milter.session.MilterSession;

/** The filters' view of one connection's session; reads the session, never changes it. */
final class SessionContext implements MilterContext {
  private final MilterSession session;
  private final Executor executor;

  SessionContext(MilterSession session, EventExecutor eventLoop) {
    this.session = session;
    this.executor =
        task -> {
          if (eventLoop.inEventLoop()) {
            task.run();
          } else {
            eventLoop.execute(task);
          }
        };
  }

  @Override
  public Optional<String> macro(String name) {
    return session.macro(name);
  }

  @Override
  public Map<String, String> macros(MacroStage stage) {
    return session.macros(stage);
  }

  @Override
  public Optional<MilterCommand.Connect> connect() {
    return session.connect();
  }

  @Override
  public Optional<String> helo() {
    return session.heloName();
  }

  @Override
  public Optional<MilterCommand.Mail> sender() {
    return session.mail();
  }

  @Override
  public List<MilterCommand.Recipient> recipients() {
    return session.recipients();
  }

  @Override
  public NegotiatedOptions options() {
    return session
        .negotiatedOptions()
        .orElseThrow(() -> new IllegalStateException("options are not negotiated yet"));
  }

  @Override
  public Executor executor() {
    return executor;
  }
}
