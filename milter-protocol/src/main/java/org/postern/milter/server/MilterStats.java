package org.postern.milter.server;

import java.util.Locale;
import org.postern.common.stats.Counter;
import org.postern.common.stats.LatencyHistogram;
import org.postern.common.stats.ServiceStats;
import org.postern.milter.reply.ReplyCode;
import org.postern.milter.reply.Verdict;

/** The milter's counters: connections, messages, final verdicts by kind, errors, latency. */
final class MilterStats {
  private final ServiceStats stats;
  final Counter connections;
  final Counter messages;
  final Counter handlerErrors;
  final Counter timeouts;
  final Counter protocolErrors;
  final Counter negotiationFailures;
  final LatencyHistogram messageLatency;

  MilterStats(ServiceStats stats) {
    this.stats = stats;
    connections = stats.counter("connections");
    messages = stats.counter("messages");
    handlerErrors = stats.counter("errors.handler");
    timeouts = stats.counter("errors.timeout");
    protocolErrors = stats.counter("errors.protocol");
    negotiationFailures = stats.counter("errors.negotiation");
    messageLatency = stats.latency("message");
  }

  /** Counts the final verdict of one message. */
  void verdict(Verdict verdict) {
    stats.counter("verdict." + kind(verdict)).increment();
  }

  /** A metric-safe name for the kind of {@code verdict}, e.g. {@code tempfail}. */
  static String kind(Verdict verdict) {
    if (verdict instanceof ReplyCode) {
      return "reply_code";
    }
    if (verdict instanceof Verdict.ConnectionFailure) {
      return "connection_failure";
    }
    return verdict.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
