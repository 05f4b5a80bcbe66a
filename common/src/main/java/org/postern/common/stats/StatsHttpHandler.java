package org.postern.common.stats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers one aggregated HTTP request with the registry rendered as JSON or Prometheus text. */
@ChannelHandler.Sharable
final class StatsHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  static final String JSON_TYPE = "application/json; charset=utf-8";
  static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final String TEXT_TYPE = "text/plain; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(StatsHttpHandler.class);

  private final StatsRegistry registry;

  StatsHttpHandler(StatsRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      send(context, response(request, HttpResponseStatus.BAD_REQUEST, "bad request\n"), false);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    String path = new QueryStringDecoder(request.uri()).path();
    if (!path.equals("/stats") && !path.equals("/metrics")) {
      send(
          context,
          response(request, HttpResponseStatus.NOT_FOUND, "try /stats or /metrics\n"),
          keepAlive);
      return;
    }
    if (!HttpMethod.GET.equals(request.method())) {
      FullHttpResponse response =
          response(request, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET\n");
      response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
      send(context, response, keepAlive);
      return;
    }
    FullHttpResponse response =
        path.equals("/stats")
            ? response(request, HttpResponseStatus.OK, JSON_TYPE, registry.toJsonText())
            : response(request, HttpResponseStatus.OK, PROMETHEUS_TYPE, registry.toPrometheus());
    send(context, response, keepAlive);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    LOG.debug("stats HTTP connection {} failed; closing", context.channel(), cause);
    context.close();
  }

  private static FullHttpResponse response(
      FullHttpRequest request, HttpResponseStatus status, String body) {
    return response(request, status, TEXT_TYPE, body);
  }

  /** A response in the request's HTTP version, so HTTP/1.0 keep-alive is answered in kind. */
  private static FullHttpResponse response(
      FullHttpRequest request, HttpResponseStatus status, String contentType, String body) {
    HttpVersion version =
        request.decoderResult().isSuccess() ? request.protocolVersion() : HttpVersion.HTTP_1_1;
    ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(version, status, content);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    HttpUtil.setContentLength(response, content.readableBytes());
    return response;
  }

  private static void send(
      ChannelHandlerContext context, FullHttpResponse response, boolean keepAlive) {
    HttpUtil.setKeepAlive(response, keepAlive);
    if (keepAlive) {
      context.writeAndFlush(response);
    } else {
      context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
