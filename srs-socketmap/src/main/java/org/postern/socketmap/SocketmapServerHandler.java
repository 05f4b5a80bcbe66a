package org.postern.socketmap;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import org.postern.common.server.OrderedReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one persistent socketmap connection: parses each framed request, asks the {@link
 * SocketmapHandler}, and writes the replies in request order even when lookups complete out of
 * order. A failing lookup is answered {@code TEMP}; a framing error closes the connection.
 *
 * <p>Expects a {@link NetstringDecoder} before it and a {@link NetstringEncoder} after it; see
 * {@link SocketmapChannelInitializer}.
 */
public final class SocketmapServerHandler extends SimpleChannelInboundHandler<String> {
  private static final Logger log = LoggerFactory.getLogger(SocketmapServerHandler.class);

  /** Lookups in flight per connection before reading pauses. */
  static final int MAX_PENDING = 64;

  private final SocketmapHandler handler;
  private final OrderedReplies<String> replies = new OrderedReplies<>(MAX_PENDING);

  /** A handler for one connection answering with {@code handler}. */
  public SocketmapServerHandler(SocketmapHandler handler) {
    super(String.class);
    this.handler = handler;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, String payload) {
    SocketmapRequest request;
    try {
      request = SocketmapRequest.parse(payload);
    } catch (MalformedSocketmapMessageException e) {
      // Framing is intact, so answer and keep the connection.
      log.warn(
          "socketmap request from {} refused: {}", ctx.channel().remoteAddress(), e.getMessage());
      replies.answerNow(ctx, SocketmapReply.perm("malformed request: " + e.getMessage()).encode());
      return;
    }
    replies.answer(
        ctx,
        () -> handler.lookup(request).thenApply(reply -> encodeWithinLimit(ctx, reply)),
        error -> failed(ctx, request, error).encode());
  }

  private static SocketmapReply failed(
      ChannelHandlerContext ctx, SocketmapRequest request, Throwable cause) {
    log.warn(
        "socketmap lookup {} for {} failed, answering TEMP",
        request.mapName(),
        ctx.channel().remoteAddress(),
        cause);
    String reason =
        cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    return SocketmapReply.temp("lookup failed: " + reason);
  }

  private static String encodeWithinLimit(ChannelHandlerContext ctx, SocketmapReply reply) {
    String encoded = reply.encode();
    if (encoded.getBytes(StandardCharsets.UTF_8).length <= SocketmapReply.POSTFIX_MAX_LENGTH) {
      return encoded;
    }
    log.warn(
        "socketmap reply to {} exceeds {} bytes, answering PERM",
        ctx.channel().remoteAddress(),
        SocketmapReply.POSTFIX_MAX_LENGTH);
    return SocketmapReply.perm("reply too long").encode();
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

  /** Closes the connection, logging the peer: after a framing error the stream is lost. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof MalformedNetstringException) {
      log.warn(
          "closing socketmap connection from {}: malformed netstring: {}",
          ctx.channel().remoteAddress(),
          cause.getMessage());
    } else {
      log.warn("closing socketmap connection from {}", ctx.channel().remoteAddress(), cause);
    }
    replies.clear(ctx);
    ctx.close();
  }
}
