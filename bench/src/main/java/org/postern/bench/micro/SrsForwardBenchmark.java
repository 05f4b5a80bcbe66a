package org.postern.bench.micro;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.postern.srs.SrsConfigException;
import org.postern.srs.SrsResult;
import org.postern.srs.SrsRewriter;
import org.postern.srs.SrsSecrets;

/** {@link SrsRewriter#forward} over distinct senders: one HMAC-SHA1 and the address formatting. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SrsForwardBenchmark {
  private static final int SENDERS = 1024;

  private SrsRewriter rewriter;
  private String[] senders;
  private int next;

  /** A rewriter with postsrsd's test secret and a ring of senders. */
  @Setup
  public void setUp() throws SrsConfigException {
    rewriter =
        SrsRewriter.builder()
            .srsDomain("example.com")
            .secrets(SrsSecrets.of(List.of("tops3cr3t")))
            .build();
    senders = new String[SENDERS];
    for (int i = 0; i < SENDERS; i++) {
      senders[i] = "user" + i + "@foreign" + i + ".test";
    }
  }

  /** Rewrites the next sender. */
  @Benchmark
  public SrsResult forward() {
    next = (next + 1) & (SENDERS - 1);
    return rewriter.forward(senders[next]);
  }
}
