package org.postern.bench.micro;

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
import org.postern.sieve.SieveCompileException;
import org.postern.sieve.SieveCompiler;
import org.postern.sieve.SieveProgram;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

/**
 * A generated 500-rule List-Id filter ({@code if header :contains "List-Id" "<listN.example.org>" {
 * fileinto "lists.listN"; stop; }}), compiled once, run on 2 KiB messages with about 20 headers
 * whose List-Id is uniform over 600 lists, so about one message in six matches no rule.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SieveListFilterBenchmark {

  /** Number of rules in the generated filter. */
  static final int RULES = 500;

  private static final SieveEnvelope ENVELOPE =
      new SieveEnvelope("list-bounces@example.org", "bob@example.com");

  private SieveProgram program;
  private byte[][] raw;
  private SieveMessage[] parsed;
  private int next;

  /** Compiles the filter and generates the messages. */
  @Setup
  public void setUp() throws SieveCompileException {
    program = SieveCompiler.create().compile(script());
    raw = SieveBenchMessages.generate(RULES + RULES / 5, 8);
    parsed = new SieveMessage[raw.length];
    for (int i = 0; i < raw.length; i++) {
      parsed[i] = SieveMessage.parse(raw[i]);
    }
  }

  /** The filter as users' tools generate it. */
  static String script() {
    StringBuilder script = new StringBuilder("require \"fileinto\";\n");
    for (int i = 0; i < RULES; i++) {
      script
          .append("if header :contains \"List-Id\" \"<list")
          .append(i)
          .append(".example.org>\" { fileinto \"lists.list")
          .append(i)
          .append("\"; stop; }\n");
    }
    return script.toString();
  }

  /** Parses the next raw message and runs the filter: the work per delivered message. */
  @Benchmark
  public SieveResult parseAndRun() {
    next = (next + 1) & (SieveBenchMessages.COUNT - 1);
    return program.run(SieveMessage.parse(raw[next]), ENVELOPE);
  }

  /** Runs the filter on an already parsed message: the interpreter alone. */
  @Benchmark
  public SieveResult run() {
    next = (next + 1) & (SieveBenchMessages.COUNT - 1);
    return program.run(parsed[next], ENVELOPE);
  }
}
