package org.postern.policy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** Sets up a policy server connection: request framing within limits, then the handler. */
public final class PolicyChannelInitializer extends ChannelInitializer<Channel> {
  private static final PolicyActionEncoder ENCODER = new PolicyActionEncoder();

  private final PolicyHandler handler;
  private final PolicyLimits limits;

  /** Connections answered by {@code handler} with the default limits. */
  public PolicyChannelInitializer(PolicyHandler handler) {
    this(handler, PolicyLimits.defaults());
  }

  /** Connections answered by {@code handler} within {@code limits}. */
  public PolicyChannelInitializer(PolicyHandler handler, PolicyLimits limits) {
    this.handler = handler;
    this.limits = limits;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel
        .pipeline()
        .addLast("policy-decoder", new PolicyRequestDecoder(limits))
        .addLast("policy-encoder", ENCODER)
        .addLast("policy", new PolicyServerHandler(handler));
  }
}
