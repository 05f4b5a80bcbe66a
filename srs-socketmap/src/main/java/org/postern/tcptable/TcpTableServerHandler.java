package org.postern.tcptable;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.postern.common.server.OrderedReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one persistent tcp_table connection: asks the {@link TcpTableHandler} for each request and
 * writes the replies in request order even when lookups complete out of order.
 *
 * <p>A failing lookup is answered {@code 400}. A line that does not parse is answered {@code 500}
 * and the connection goes on: the framing is intact, and a retry (400) could never succeed. A line
 * over {@link TcpTableRequest#MAX_LINE_LENGTH} is answered {@code 400} after the replies before it,
 * then the connection is closed, since the rest of that line cannot be trusted.
 */
public final class TcpTableServerHandler extends SimpleChannelInboundHandler<TcpTableRequest> {
  private static final Logger log = LoggerFactory.getLogger(TcpTableServerHandler.class);

  /** Lookups in flight per connection before reading pauses. */
  static final int MAX_PENDING = 64;

  private final TcpTableHandler handler;
  private final OrderedReplies<TcpTableReply> replies = new OrderedReplies<>(MAX_PENDING);

  /** A handler for one connection answering with {@code handler}. */
  public TcpTableServerHandler(TcpTableHandler handler) {
    super(TcpTableRequest.class);
    this.handler = handler;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, TcpTableRequest request) {
    if (replies.closing()) {
      return;
    }
    replies.answer(
        ctx,
        () -> handler.lookup(request.key()).thenApply(reply -> withinLimit(ctx, reply)),
        error -> failed(ctx, error));
  }

  private static TcpTableReply failed(ChannelHandlerContext ctx, Throwable cause) {
    log.warn("tcp_table lookup for {} failed, answering 400", ctx.channel().remoteAddress(), cause);
    String reason =
        cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    return TcpTableReply.temporaryError("lookup failed: " + reason);
  }

  private static TcpTableReply withinLimit(ChannelHandlerContext ctx, TcpTableReply reply) {
    // The encoded line is ASCII, so its length is its byte count; +1 for the newline.
    if (reply.encode().length() + 1 <= TcpTableReply.POSTFIX_MAX_LENGTH) {
      return reply;
    }
    log.warn(
        "tcp_table reply to {} exceeds {} bytes, answering 500",
        ctx.channel().remoteAddress(),
        TcpTableReply.POSTFIX_MAX_LENGTH);
    // Not 400: a retry would produce the same reply and defer the mail forever.
    return TcpTableReply.notFound("reply too long");
  }

  /** Flushes the replies answered at once during this read. */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    replies.readComplete(ctx);
    super.channelReadComplete(ctx);
  }

  /** Drops replies still in flight: there is nobody left to answer. */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    replies.clear(ctx);
    super.channelInactive(ctx);
  }

  /**
   * Answers malformed lines in order ({@code 500}, connection kept) and over-long lines ({@code
   * 400}, then close); closes on anything else.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (replies.closing()) {
      return;
    }
    if (cause instanceof TooLongFrameException) {
      log.warn(
          "closing tcp_table connection from {}: request line over {} bytes",
          ctx.channel().remoteAddress(),
          TcpTableRequest.MAX_LINE_LENGTH);
      replies.answerAndClose(ctx, TcpTableReply.temporaryError("request too long"));
      return;
    }
    if (cause instanceof DecoderException
        && cause.getCause() instanceof MalformedTcpTableMessageException malformed) {
      log.warn(
          "tcp_table request from {} refused: {}",
          ctx.channel().remoteAddress(),
          malformed.getMessage());
      replies.answerNow(
          ctx, TcpTableReply.notFound("malformed request: " + malformed.getMessage()));
      return;
    }
    log.warn("closing tcp_table connection from {}", ctx.channel().remoteAddress(), cause);
    replies.clear(ctx);
    ctx.close();
  }
}
