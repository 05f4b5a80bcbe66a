package org.postern.common.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightRequestsTest {

  @Test
  void countsBeginsAndEnds() {
    EmbeddedChannel channel = new EmbeddedChannel();
    InFlightRequests.begin(channel);
    InFlightRequests.begin(channel);
    InFlightRequests.end(channel);
    assertThat(InFlightRequests.count(channel)).isEqualTo(1);
  }

  @Test
  void endWithoutBeginIsRejected() {
    EmbeddedChannel channel = new EmbeddedChannel();
    assertThatThrownBy(() -> InFlightRequests.end(channel))
        .isInstanceOf(IllegalStateException.class);
    assertThat(InFlightRequests.count(channel)).isZero();
  }

  @Test
  void idleActionRunsOnceWhenTheLastRequestEnds() {
    EmbeddedChannel channel = new EmbeddedChannel();
    AtomicInteger runs = new AtomicInteger();
    InFlightRequests.begin(channel);
    InFlightRequests.begin(channel);
    InFlightRequests.whenIdle(channel, runs::incrementAndGet);
    InFlightRequests.end(channel);
    assertThat(runs).hasValue(0);
    InFlightRequests.end(channel);
    assertThat(runs).hasValue(1);
    InFlightRequests.begin(channel);
    InFlightRequests.end(channel);
    assertThat(runs).hasValue(1);
  }

  @Test
  void idleActionRunsAtOnceWhenNothingIsInFlight() {
    EmbeddedChannel channel = new EmbeddedChannel();
    AtomicInteger runs = new AtomicInteger();
    InFlightRequests.whenIdle(channel, runs::incrementAndGet);
    assertThat(runs).hasValue(1);
  }
}
