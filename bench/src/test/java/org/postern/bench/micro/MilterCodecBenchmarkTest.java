package org.postern.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MilterCodecBenchmarkTest {

  @Test
  void theEncodedMessageDecodesToTheSameCommands() {
    MilterCodecBenchmark benchmark = new MilterCodecBenchmark();
    benchmark.setUp();
    try {
      assertThat(benchmark.transaction()).hasSize(14);
      assertThat(benchmark.decodeOnce()).containsExactlyElementsOf(benchmark.transaction());
      assertThat(benchmark.encodeMessageCommands()).isGreaterThan(2000);
      assertThat(benchmark.encodeReplyBurst()).isPositive();
    } finally {
      benchmark.tearDown();
    }
  }
}
