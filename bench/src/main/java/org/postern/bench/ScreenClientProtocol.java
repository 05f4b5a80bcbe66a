package org.postern.bench;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelPipeline;

/**
 * Policy requests for a DNSBL screen, as smtpd sends them at RCPT TO. Request {@code n} comes from
 * client address {@code 10.a.b.c} numbered {@code n} (every request a new client, so every one
 * needs DNS queries), or numbered {@code n % clients} to measure a warm cache.
 */
final class ScreenClientProtocol implements ClientProtocol {
  private final PolicyClientProtocol policy = new PolicyClientProtocol();
  private final int clients;

  /** Uses {@code clients} addresses in turn, or a new one per request when 0. */
  ScreenClientProtocol(int clients) {
    this.clients = clients;
  }

  @Override
  public void configure(ChannelPipeline pipeline) {
    policy.configure(pipeline);
  }

  /** Request {@code n} encoded for the wire. */
  @Override
  public Object request(long n) {
    return ByteBufUtil.writeAscii(ByteBufAllocator.DEFAULT, text(n));
  }

  /** The text of request {@code n}. */
  String text(long n) {
    return "request=smtpd_access_policy\n"
        + "protocol_state=RCPT\n"
        + "protocol_name=ESMTP\n"
        + "client_address="
        + clientAddress(clients == 0 ? n : n % clients)
        + "\nclient_name=unknown\n"
        + "helo_name=bench.test\n"
        + "sender=user@bench.test\n"
        + "recipient=rcpt@example.com\n"
        + "instance=screen."
        + Long.toHexString(n)
        + "\n\n";
  }

  /** Address number {@code index} in 10.0.0.0/8 (wrapping after 2^24). */
  static String clientAddress(long index) {
    return "10." + ((index >>> 16) & 0xff) + "." + ((index >>> 8) & 0xff) + "." + (index & 0xff);
  }

  @Override
  public ReplyOutcome classify(Object reply) {
    return policy.classify(reply);
  }
}
