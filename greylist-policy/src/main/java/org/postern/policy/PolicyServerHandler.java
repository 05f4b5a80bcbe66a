package org.postern.policy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.postern.common.server.OrderedReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one persistent policy connection: asks the {@link PolicyHandler} for each request and
 * writes the actions in request order even when decisions complete out of order. When a decision
 * fails, the replies before it are written, then the connection is closed without an answer, so
 * Postfix applies its default ({@code default_action}, normally a temporary failure).
 */
public final class PolicyServerHandler extends SimpleChannelInboundHandler<PolicyRequest> {
  private static final Logger log = LoggerFactory.getLogger(PolicyServerHandler.class);

  /** Decisions in flight per connection before reading pauses. */
  static final int MAX_PENDING = 64;

  private final OrderedReplies<PolicyAction> replies = new OrderedReplies<>(MAX_PENDING);
  // Built once per connection, so a request decided at once allocates nothing here.
  private final Function<PolicyRequest, CompletionStage<PolicyAction>> decide;
  private Function<Throwable, PolicyAction> onFailure;

  /** A handler for one connection deciding with {@code handler}. */
  public PolicyServerHandler(PolicyHandler handler) {
    super(PolicyRequest.class);
    this.decide = handler::decide;
  }

  /** Binds the failure answer to this connection. */
  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    onFailure = error -> unanswered(ctx, error);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, PolicyRequest request) {
    replies.answer(ctx, request, decide, onFailure);
  }

  // The policy protocol: on an internal error send nothing and close.
  private static PolicyAction unanswered(ChannelHandlerContext ctx, Throwable cause) {
    log.warn(
        "policy decision for {} failed; closing without an answer so Postfix applies its default",
        ctx.channel().remoteAddress(),
        cause);
    return null;
  }

  /** Flushes the replies decided at once during this read. */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    replies.readComplete(ctx);
    super.channelReadComplete(ctx);
  }

  /** Forgets decisions in flight: there is nobody left to answer. */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    replies.clear(ctx);
    super.channelInactive(ctx);
  }

  /** Logs and closes: a malformed request or exceeded limit means the stream cannot be trusted. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable error =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (error instanceof MalformedPolicyRequestException) {
      log.warn(
          "closing policy connection from {}: {}",
          ctx.channel().remoteAddress(),
          error.getMessage());
    } else {
      log.warn("closing policy connection from {}", ctx.channel().remoteAddress(), error);
    }
    replies.clear(ctx);
    ctx.close();
  }
}
