package org.postern.screen.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's side of the connection to Postfix smtpd: waits for smtpd's 220 greeting, sends
 * XCLIENT with the real client, and passes smtpd's second 220 (the greeting the client will see) to
 * {@link Listener#greeted}; anything else fails the handoff. From then on it splices what smtpd
 * sends to the client (the handler stays: no pipeline change per connection).
 */
final class SmtpdHandoff extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(SmtpdHandoff.class);

  /** Longest reply line accepted from smtpd. */
  private static final int MAX_REPLY_LINE = 2048;

  /** Told how the handoff ends; called on the smtpd channel's event loop. */
  interface Listener {
    /**
     * smtpd accepted XCLIENT; {@code greeting} is its complete 220 reply, {@code rest} any bytes
     * after it (both to be sent to the client, then released by the listener). What smtpd sends
     * next goes to the client; the listener closes {@code smtpd} if the client has gone.
     */
    void greeted(ChannelHandlerContext smtpd, ByteBuf greeting, ByteBuf rest);

    /** smtpd refused, closed or misbehaved; {@code problem} says how. */
    void failed(String problem);
  }

  private final Channel clientChannel;
  private final InetSocketAddress client;
  private final Listener listener;
  private ByteBuf received = Unpooled.buffer();
  private boolean xclientSent;
  private boolean finished;
  private Splice splice;

  /** Hands {@code clientChannel}, connected from {@code client}, to the smtpd this handles. */
  SmtpdHandoff(Channel clientChannel, InetSocketAddress client, Listener listener) {
    this.clientChannel = clientChannel;
    this.client = client;
    this.listener = listener;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    if (splice != null) {
      splice.read(message);
      return;
    }
    ByteBuf bytes = (ByteBuf) message;
    try {
      received.writeBytes(bytes);
    } finally {
      bytes.release();
    }
    while (!finished) {
      int replyEnd = completeReplyEnd();
      if (replyEnd == -2) {
        fail(ctx, "smtpd sent a malformed or overlong reply");
        return;
      }
      if (replyEnd < 0) {
        return;
      }
      ByteBuf reply = received.readRetainedSlice(replyEnd - received.readerIndex());
      String text = reply.toString(StandardCharsets.ISO_8859_1).strip();
      if (!text.startsWith("220")) {
        reply.release();
        fail(ctx, (xclientSent ? "XCLIENT refused: " : "smtpd greeting: ") + text);
        return;
      }
      if (!xclientSent) {
        reply.release();
        xclientSent = true;
        ctx.writeAndFlush(
            Unpooled.copiedBuffer(Xclient.command(client), StandardCharsets.US_ASCII));
        continue;
      }
      finished = true;
      ByteBuf rest = received.readRetainedSlice(received.readableBytes());
      received.release();
      received = null;
      splice = new Splice(ctx.channel(), clientChannel);
      listener.greeted(ctx, reply, rest);
    }
  }

  // The index after the final line (NNN SP ...) of the first complete reply; -1 when incomplete,
  // -2 when malformed.
  private int completeReplyEnd() {
    int start = received.readerIndex();
    while (true) {
      int newline = received.indexOf(start, received.writerIndex(), (byte) '\n');
      if (newline < 0) {
        return received.writerIndex() - start > MAX_REPLY_LINE ? -2 : -1;
      }
      if (newline - start < 3 || newline - start > MAX_REPLY_LINE) {
        return -2;
      }
      byte separator = newline - start > 3 ? received.getByte(start + 3) : (byte) ' ';
      if (separator == ' ' || separator == '\r') {
        return newline + 1;
      }
      if (separator != '-') {
        return -2;
      }
      start = newline + 1;
    }
  }

  private void fail(ChannelHandlerContext ctx, String problem) {
    if (!finished) {
      finished = true;
      log.warn(
          "handoff of [{}] to smtpd failed: {}", client.getAddress().getHostAddress(), problem);
      listener.failed(problem);
    }
    ctx.close();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (splice != null) {
      splice.writabilityChanged();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (splice != null) {
      splice.inactive();
      return;
    }
    fail(ctx, "smtpd closed the connection");
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (splice != null) {
      ctx.close();
      return;
    }
    fail(ctx, cause.toString());
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (received != null) {
      received.release();
      received = null;
    }
  }
}
