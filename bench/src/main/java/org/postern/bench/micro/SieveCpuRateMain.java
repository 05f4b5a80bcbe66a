package org.postern.bench.micro;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;
import org.postern.sieve.SieveCompileException;

/**
 * Companion to the Sieve JMH benchmarks for a shared, loaded machine: runs the same benchmark
 * methods and divides the operations by the thread's CPU time rather than wall time, which gives
 * messages per second per core even when other processes take turns on the CPU.
 */
public final class SieveCpuRateMain {

  private SieveCpuRateMain() {}

  /** Prints messages per CPU-second for each Sieve benchmark; argument: measured seconds each. */
  public static void main(String[] args) throws SieveCompileException {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    SieveListFilterBenchmark list = new SieveListFilterBenchmark();
    list.setUp();
    SieveMixedScriptBenchmark mixed = new SieveMixedScriptBenchmark();
    mixed.setUp();
    measure("SieveListFilterBenchmark.parseAndRun", list::parseAndRun, seconds);
    measure("SieveListFilterBenchmark.run", list::run, seconds);
    measure("SieveMixedScriptBenchmark.parseAndRun", mixed::parseAndRun, seconds);
    measure("SieveMixedScriptBenchmark.run", mixed::run, seconds);
  }

  private static void measure(String name, Supplier<?> operation, double seconds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    // Warm-up: the same number of CPU seconds as the measurement.
    for (int round = 0; round < 2; round++) {
      long cpuStart = threads.getCurrentThreadCpuTime();
      long wallStart = System.nanoTime();
      long budget = (long) (seconds * 1e9);
      long operations = 0;
      while (threads.getCurrentThreadCpuTime() - cpuStart < budget) {
        for (int i = 0; i < 256; i++) {
          sink += operation.get().hashCode();
        }
        operations += 256;
      }
      long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
      long wall = System.nanoTime() - wallStart;
      if (round == 1) {
        System.out.printf(
            "%-40s %,12.0f msgs per CPU-second (%,.0f per wall second, CPU share %.0f%%)%n",
            name, operations / (cpu / 1e9), operations / (wall / 1e9), 100.0 * cpu / wall);
      }
    }
    if (sink == 42) {
      System.out.println();
    }
  }
}
