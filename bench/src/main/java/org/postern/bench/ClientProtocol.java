package org.postern.bench;

import io.netty.channel.ChannelPipeline;

/**
 * The client side of one protocol: framing, the unique request numbered {@code n}, reply
 * classification.
 */
interface ClientProtocol {
  /** Adds the framing and codec handlers a connection needs before the driver's handler. */
  void configure(ChannelPipeline pipeline);

  /** The message to write as request number {@code n}; no two numbers give the same request. */
  Object request(long n);

  /** What a decoded reply means. */
  ReplyOutcome classify(Object reply);

  /** The lookup key of request {@code n}: a sender address in a foreign domain. */
  static String lookupKey(long n) {
    return "user" + n + "@foreign" + n + ".test";
  }

  /** The client for {@code options}. */
  static ClientProtocol of(BenchOptions options) {
    switch (options.protocol()) {
      case SOCKETMAP:
        return new SocketmapClientProtocol(options.map());
      case TCP_TABLE:
        return new TcpTableClientProtocol();
      case POLICY:
        return new PolicyClientProtocol();
      case SCREEN:
        return new ScreenClientProtocol(options.clients());
      default:
        throw new IllegalArgumentException("unknown protocol " + options.protocol());
    }
  }
}
