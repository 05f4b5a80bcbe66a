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
 * A 20-rule script mixing header, address, envelope, body, regex and variables tests, compiled
 * once, run on the same 2 KiB, 20-header messages as {@link SieveListFilterBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SieveMixedScriptBenchmark {

  /** Twenty rules; the ones that match file or flag without stopping, so most rules run. */
  static final String SCRIPT =
      String.join(
          "\n",
          "require [\"fileinto\", \"envelope\", \"body\", \"regex\", \"variables\", \"imap4flags\",",
          "         \"relational\", \"comparator-i;ascii-numeric\", \"subaddress\"];",
          "if header :contains \"X-Spam-Flag\" \"YES\" { fileinto \"Junk\"; stop; }",
          "if header :value \"ge\" :comparator \"i;ascii-numeric\" \"X-Spam-Score\" \"8\""
              + " { fileinto \"Junk\"; stop; }",
          "if address :domain :is \"From\" \"spam.example\" { discard; stop; }",
          "if address :localpart :matches \"From\" \"user1*\" { addflag \"$Ones\"; }",
          "if envelope :domain :is \"from\" \"example.org\" { addflag \"$FromOrg\"; }",
          "if envelope :detail \"to\" \"lists\" { fileinto \"plus-lists\"; }",
          "if header :matches \"List-Id\" \"*<*.example.org>\" { set \"list\" \"${2}\"; }",
          "if string :is \"${list}\" \"list7\" { fileinto \"lists.seven\"; }",
          "if header :regex \"Subject\" \"^\\\\[list([0-9]+)\\\\]\" { set \"tag\" \"${1}\"; }",
          "if string :value \"gt\" :comparator \"i;ascii-numeric\" \"${tag}\" \"550\""
              + " { addflag \"$HighList\"; }",
          "if header :contains \"Subject\" \"Réunion\" { fileinto \"meetings\"; }",
          "if exists \"Cc\" { addflag \"$Copied\"; }",
          "if address :all :is [\"To\", \"Cc\"] \"rene@example.fr\" { addflag \"$Rene\"; }",
          "if body :contains \"unsubscribe\" { addflag \"$Bulk\"; }",
          "if header :is \"Precedence\" [\"bulk\", \"junk\"] { fileinto \"bulk\"; }",
          "if size :over 100K { fileinto \"large\"; }",
          "if header :regex \"Received\" \"\\\\[192\\\\.0\\\\.2\\\\.99\\\\]\" { fileinto \"relay\"; }",
          "if allof (exists \"DKIM-Signature\", header :contains \"Authentication-Results\""
              + " \"dkim=fail\") { fileinto \"suspicious\"; }",
          "if not exists \"Message-ID\" { fileinto \"no-id\"; }",
          "if header :matches \"From\" \"*<*@*>\" { set :lower \"sender\" \"${3}\";"
              + " if string :is \"${sender}\" \"example.org\" { addflag \"$Known\"; } }",
          "");

  private static final SieveEnvelope ENVELOPE =
      new SieveEnvelope("list-bounces@example.org", "bob+lists@example.com");

  private SieveProgram program;
  private byte[][] raw;
  private SieveMessage[] parsed;
  private int next;

  /** Compiles the script and generates the messages. */
  @Setup
  public void setUp() throws SieveCompileException {
    program = SieveCompiler.create().compile(SCRIPT);
    raw = SieveBenchMessages.generate(SieveListFilterBenchmark.RULES + 100, 20);
    parsed = new SieveMessage[raw.length];
    for (int i = 0; i < raw.length; i++) {
      parsed[i] = SieveMessage.parse(raw[i]);
    }
  }

  /** Parses the next raw message and runs the script: the work per delivered message. */
  @Benchmark
  public SieveResult parseAndRun() {
    next = (next + 1) & (SieveBenchMessages.COUNT - 1);
    return program.run(SieveMessage.parse(raw[next]), ENVELOPE);
  }

  /** Runs the script on an already parsed message: the interpreter alone. */
  @Benchmark
  public SieveResult run() {
    next = (next + 1) & (SieveBenchMessages.COUNT - 1);
    return program.run(parsed[next], ENVELOPE);
  }
}
