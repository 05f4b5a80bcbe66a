package org.postern.bench;

import io.netty.channel.ChannelPipeline;

/** The client side of one lookup protocol: framing, the request for a key, reply classification. */
interface ClientProtocol {
  /** Adds the framing and codec handlers a connection needs before the driver's handler. */
  void configure(ChannelPipeline pipeline);

  /** The message to write to look up {@code key}. */
  Object request(String key);

  /** What a decoded reply means. */
  ReplyOutcome classify(Object reply);

  /** The client for {@code options}. */
  static ClientProtocol of(BenchOptions options) {
    switch (options.protocol()) {
      case SOCKETMAP:
        return new SocketmapClientProtocol(options.map());
      case TCP_TABLE:
        return new TcpTableClientProtocol();
      default:
        throw new IllegalArgumentException("unknown protocol " + options.protocol());
    }
  }
}
