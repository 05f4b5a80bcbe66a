package org.postern.common.stats;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The pipeline of the stats HTTP endpoint: {@code GET /stats} answers JSON and {@code GET /metrics}
 * Prometheus text. Host it in any Netty server; rendering is cheap enough to run on the event loop.
 */
public final class StatsHttpInitializer extends ChannelInitializer<Channel> {

  /** Requests are tiny GETs; anything bigger is refused by the aggregator. */
  static final int MAX_REQUEST_BYTES = 8 * 1024;

  private final StatsHttpHandler handler;

  /** Serves the stats of {@code registry}. */
  public StatsHttpInitializer(StatsRegistry registry) {
    this.handler = new StatsHttpHandler(registry);
  }

  @Override
  protected void initChannel(Channel channel) {
    channel
        .pipeline()
        .addLast("http-codec", new HttpServerCodec())
        .addLast("http-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
        .addLast("stats", handler);
  }
}
