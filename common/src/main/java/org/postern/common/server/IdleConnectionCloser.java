package org.postern.common.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that has seen no reads or writes for the idle timeout, unless a request is
 * still in flight on it (the next idle event checks again).
 */
@ChannelHandler.Sharable
final class IdleConnectionCloser extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(DaemonServer.class);

  private final String serviceName;

  IdleConnectionCloser(String serviceName) {
    this.serviceName = serviceName;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object event) {
    if (!(event instanceof IdleStateEvent)) {
      context.fireUserEventTriggered(event);
      return;
    }
    if (InFlightRequests.count(context.channel()) > 0) {
      return;
    }
    LOG.debug("{} closing idle connection from {}", serviceName, context.channel().remoteAddress());
    context.close();
  }
}
