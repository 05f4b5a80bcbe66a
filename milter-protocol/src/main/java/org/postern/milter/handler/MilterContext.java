package org.postern.milter.handler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.NegotiatedOptions;

/** What a filter knows about the connection and message so far: macros and envelope. */
public interface MilterContext {

  /**
   * The value of macro {@code name} ({@code i} and {@code {i}} are the same), latest stage first.
   */
  Optional<String> macro(String name);

  /** The macros the MTA sent for {@code stage}, in its order. */
  Map<String, String> macros(MacroStage stage);

  /** The queue id (macro {@code i}), once the MTA has assigned one. */
  default Optional<String> queueId() {
    return macro("i").filter(id -> !id.isEmpty());
  }

  /** The SMTP client as CONNECT described it, unless the MTA left CONNECT out. */
  Optional<MilterCommand.Connect> connect();

  /** The latest HELO or EHLO name. */
  Optional<String> helo();

  /** The current message's MAIL FROM, once given. */
  Optional<MilterCommand.Mail> sender();

  /** The current message's recipients so far, in order. */
  List<MilterCommand.Recipient> recipients();

  /** What the MTA and the milter agreed on. */
  NegotiatedOptions options();

  /**
   * Runs tasks on the connection's event loop (at once when already there): where a filter that
   * waited on another thread comes back to, and where chained filters are called.
   */
  Executor executor();
}
