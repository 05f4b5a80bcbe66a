package org.postern.common.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;

class IdleConnectionCloserTest {

  @Test
  void closesConnectionWithoutRequestInFlight() {
    EmbeddedChannel channel = new EmbeddedChannel(new IdleConnectionCloser("test"));
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void keepsConnectionWhileRequestInFlight() {
    EmbeddedChannel channel = new EmbeddedChannel(new IdleConnectionCloser("test"));
    InFlightRequests.begin(channel);
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    assertThat(channel.isOpen()).isTrue();
    InFlightRequests.end(channel);
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void passesOtherEventsOn() {
    EmbeddedChannel channel = new EmbeddedChannel(new IdleConnectionCloser("test"));
    channel.pipeline().fireUserEventTriggered("other");
    assertThat(channel.isOpen()).isTrue();
  }
}
