package org.postern.bench.milter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postern.common.address.ListenAddress;
import org.postern.common.server.DaemonServer;
import org.postern.testing.FreePorts;
import org.postern.testing.Peers;
import org.postern.testing.PrivatePostfix;

/**
 * What a milter costs Postfix end to end: one private Postfix with one smtpd listener without a
 * milter and one per milter with {@code smtpd_milters} pointing at it over TCP (the in-process
 * no-op milter, and each {@code --milter NAME=ADDR}), all relaying to {@code smtp-sink}, which
 * discards. Each round runs {@code smtp-source -s SESSIONS -m MESSAGES -l SIZE} against each
 * listener in turn and waits until the queue is empty before the next; prints messages/s accepted
 * by smtpd (smtp-source's run time) and delivered (until the queue is empty), per listener and
 * round, and each milter's cost against the plain listener's median. Needs root, postfix,
 * smtp-source and smtp-sink.
 *
 * <p>{@code PostfixMilterOverhead [--rounds N (3)] [--messages M (1000)] [--sessions S (4)] [--size
 * BYTES (2048)] [--milter NAME=ADDR]... [--without-postern]}
 */
public final class PostfixMilterOverhead {
  private static final String DOMAIN = "bench.test";
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

  private final int messages;
  private final int sessions;
  private final int size;
  private final Path smtpSource;

  private PostfixMilterOverhead(int messages, int sessions, int size, Path smtpSource) {
    this.messages = messages;
    this.sessions = sessions;
    this.size = size;
    this.smtpSource = smtpSource;
  }

  /** Runs the rounds and prints one line per run and a summary. */
  public static void main(String[] args) throws Exception {
    int rounds = 3;
    int messages = 1000;
    int sessions = 4;
    int size = 2048;
    boolean withPostern = true;
    Map<String, String> milters = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--without-postern")) {
        withPostern = false;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      String value = args[++i];
      switch (args[i - 1]) {
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--messages" -> messages = Integer.parseInt(value);
        case "--sessions" -> sessions = Integer.parseInt(value);
        case "--size" -> size = Integer.parseInt(value);
        case "--milter" -> {
          int equals = value.indexOf('=');
          if (equals <= 0) {
            throw new IllegalArgumentException("--milter takes NAME=ADDR, not " + value);
          }
          milters.put(value.substring(0, equals), value.substring(equals + 1));
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
      }
    }
    Peers.requireRoot();
    PostfixMilterOverhead bench =
        new PostfixMilterOverhead(messages, sessions, size, Peers.require("smtp-source"));
    DaemonServer noop = null;
    Map<String, String> all = new LinkedHashMap<>();
    if (withPostern) {
      noop = NoopMilterServer.create(ListenAddress.parse("inet:127.0.0.1:0"));
      noop.start();
      all.put("postern", noop.boundAddresses().get(0).toString());
    }
    all.putAll(milters);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no milter to measure");
    }
    try {
      bench.run(rounds, all);
    } finally {
      if (noop != null) {
        noop.shutdown().join();
        noop.close();
      }
    }
  }

  private void run(int rounds, Map<String, String> milters) throws Exception {
    int sinkPort = FreePorts.allocate();
    Process sink =
        new ProcessBuilder(
                // smtp-sink refuses to run as root without a user to switch to.
                Peers.require("smtp-sink").toString(),
                "-u",
                "nobody",
                "-c",
                "127.0.0.1:" + sinkPort,
                "1000")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    PrivatePostfix.Builder builder =
        PrivatePostfix.builder()
            .relayDomain(DOMAIN, sinkPort)
            // No anvil limits: smtp-source opens sessions as fast as it can from one address.
            .mainCf("default_destination_concurrency_limit", "20")
            .mainCf("smtpd_client_connection_count_limit", "0")
            .mainCf("smtpd_client_message_rate_limit", "0");
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (Map.Entry<String, String> milter : milters.entrySet()) {
      int port = FreePorts.allocate();
      ports.put(milter.getKey(), port);
      builder
          .masterCfExtra("127.0.0.1:" + port + " inet n - n - - smtpd")
          .masterCfExtra("  -o smtpd_milters=" + milter.getValue())
          .masterCfExtra("  -o milter_protocol=6")
          .masterCfExtra("  -o milter_default_action=tempfail");
    }
    try (PrivatePostfix postfix = builder.start()) {
      System.out.printf(
          Locale.ROOT,
          "smtp-source -s %d -m %d -l %d; plain smtpd 127.0.0.1:%d; milters %s on smtpd ports %s;"
              + " sink 127.0.0.1:%d%n",
          sessions,
          messages,
          size,
          postfix.smtpPort(),
          milters,
          ports,
          sinkPort);
      // Warm-up: the JIT of the milter, Postfix's process pools.
      drive(postfix, postfix.smtpPort());
      for (int port : ports.values()) {
        drive(postfix, port);
      }
      List<double[]> plain = new ArrayList<>();
      Map<String, List<double[]>> measured = new LinkedHashMap<>();
      for (int round = 1; round <= rounds; round++) {
        plain.add(report("round " + round + " without milter", drive(postfix, postfix.smtpPort())));
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
          measured
              .computeIfAbsent(port.getKey(), name -> new ArrayList<>())
              .add(
                  report(
                      "round " + round + " with " + port.getKey(),
                      drive(postfix, port.getValue())));
        }
      }
      measured.forEach((name, runs) -> summarise(name, plain, runs));
    } finally {
      sink.destroy();
      sink.waitFor(10, TimeUnit.SECONDS);
    }
  }

  // Returns {accepted msgs/s, delivered msgs/s}.
  private double[] drive(PrivatePostfix postfix, int port) throws Exception {
    long start = System.nanoTime();
    Process source =
        new ProcessBuilder(
                smtpSource.toString(),
                "-s",
                String.valueOf(sessions),
                "-m",
                String.valueOf(messages),
                "-l",
                String.valueOf(size),
                "-f",
                "sender@client.test",
                "-t",
                "rcpt@" + DOMAIN,
                "127.0.0.1:" + port)
            .redirectErrorStream(true)
            .start();
    String output = new String(source.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (source.waitFor() != 0 || !output.isBlank()) {
      throw new IllegalStateException("smtp-source failed: " + output.strip());
    }
    long accepted = System.nanoTime();
    awaitEmptyQueue(postfix.queueDirectory());
    long delivered = System.nanoTime();
    return new double[] {
      messages / ((accepted - start) / 1e9), messages / ((delivered - start) / 1e9)
    };
  }

  private static void awaitEmptyQueue(Path queue) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (queuedOrMoving(queue) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the queue did not drain within " + DRAIN_TIMEOUT);
      }
      Thread.sleep(20);
    }
  }

  // Postfix moves and deletes queue files while we count: a vanished file means "try again".
  private static long queuedOrMoving(Path queue) throws IOException {
    try {
      return queued(queue);
    } catch (UncheckedIOException moving) {
      return 1;
    }
  }

  private static long queued(Path queue) throws IOException {
    long count = 0;
    for (String name : List.of("maildrop", "incoming", "active", "deferred", "hold")) {
      Path directory = queue.resolve(name);
      if (Files.isDirectory(directory)) {
        try (Stream<Path> files = Files.walk(directory)) {
          count += files.filter(Files::isRegularFile).count();
        }
      }
    }
    if (Files.isDirectory(queue.resolve("deferred"))) {
      try (Stream<Path> files = Files.walk(queue.resolve("deferred"))) {
        if (files.anyMatch(Files::isRegularFile)) {
          throw new IllegalStateException("messages were deferred; see the Postfix log");
        }
      }
    }
    return count;
  }

  private static double[] report(String label, double[] rates) {
    System.out.printf(
        Locale.ROOT,
        "%s: accepted %.0f msgs/s, delivered %.0f msgs/s%n",
        label,
        rates[0],
        rates[1]);
    return rates;
  }

  private static void summarise(String name, List<double[]> plain, List<double[]> milter) {
    for (int kind = 0; kind < 2; kind++) {
      double without = median(plain, kind);
      double with = median(milter, kind);
      System.out.printf(
          Locale.ROOT,
          "%s median %s: without milter %.0f msgs/s, with milter %.0f msgs/s, cost %.1f %%%n",
          name,
          kind == 0 ? "accepted" : "delivered",
          without,
          with,
          100 * (1 - with / without));
    }
  }

  private static double median(List<double[]> runs, int kind) {
    double[] values = runs.stream().mapToDouble(run -> run[kind]).sorted().toArray();
    return values[(values.length - 1) / 2];
  }
}
