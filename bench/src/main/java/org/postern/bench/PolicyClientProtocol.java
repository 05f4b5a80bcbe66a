package org.postern.bench;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * A policy delegation client as Postfix's smtpd is one at RCPT TO. Request {@code n} comes from a
 * new client network (IPv4 /24), sender and recipient, so a greylisting server sees a new triplet
 * each time: every answer should be a deferral, and every request a store insert.
 */
final class PolicyClientProtocol implements ClientProtocol {
  /** Postfix reads policy reply lines of up to this many bytes ({@code line_length_limit}). */
  static final int MAX_LINE_LENGTH = 2048;

  @Override
  public void configure(ChannelPipeline pipeline) {
    pipeline
        .addLast("line-decoder", new LineBasedFrameDecoder(MAX_LINE_LENGTH))
        .addLast("reply-decoder", new PolicyReplyDecoder());
  }

  /** Request {@code n} encoded for the wire. */
  @Override
  public Object request(long n) {
    return ByteBufUtil.writeAscii(ByteBufAllocator.DEFAULT, text(n));
  }

  /** The text of request {@code n}. */
  static String text(long n) {
    // A distinct /24 per request, and distinct sender domain and recipient: postgrey and Postern
    // fold digit runs in the sender's local part, so the local part alone would repeat.
    String client = "10." + ((n >>> 16) & 0xff) + "." + ((n >>> 8) & 0xff) + "." + (n & 0xff);
    String domain = "foreign" + n + ".test";
    return "request=smtpd_access_policy\n"
        + "protocol_state=RCPT\n"
        + "protocol_name=ESMTP\n"
        + "client_address="
        + client
        + "\nclient_name=mail."
        + domain
        + "\nreverse_client_name=mail."
        + domain
        + "\nhelo_name=mail."
        + domain
        + "\nsender=user"
        + n
        + "@"
        + domain
        + "\nrecipient=rcpt"
        + n
        + "@example.com\n"
        + "recipient_count=0\n"
        + "queue_id=\n"
        + "instance=bench."
        + Long.toHexString(n)
        + "\nsize=0\n"
        + "sasl_method=\n"
        + "sasl_username=\n"
        + "\n";
  }

  /** The reply decoder has classified the reply already. */
  @Override
  public ReplyOutcome classify(Object reply) {
    return (ReplyOutcome) reply;
  }
}
