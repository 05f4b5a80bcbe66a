package org.postern.bench.milter;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.postern.milter.client.MessageContent;
import org.postern.milter.client.MilterClient;
import org.postern.milter.client.MilterResult;
import org.postern.milter.command.AddressFamily;

/**
 * One negotiated milter connection sending messages one after another, each a whole SMTP session
 * (CONNECT, HELO, MAIL, RCPT, DATA, headers, body, end of message) ended with QUIT_NC. Every call
 * is queued at once; the client sends each step when the previous one was answered, as Postfix
 * does. State is touched only in callbacks of the client, which run one after another.
 */
final class MilterLoadConnection {
  /** Latencies up to a minute are recorded with three significant digits. */
  static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final MilterClient client;
  private final BenchMessage message;
  private final Histogram latencies = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
  private final Map<String, Long> verdicts = new TreeMap<>();
  private long modifications;
  private long errors;

  MilterLoadConnection(MilterClient client, BenchMessage message) {
    this.client = client;
    this.message = message;
  }

  /**
   * Sends messages numbered {@code first}, {@code first + stride}, ... ({@code count} of them);
   * completes when the last is answered or the connection failed.
   */
  CompletableFuture<MilterLoadConnection> send(long first, long stride, int count) {
    CompletableFuture<MilterLoadConnection> done = new CompletableFuture<>();
    next(first, stride, count, done);
    return done;
  }

  private void next(
      long n, long stride, int remaining, CompletableFuture<MilterLoadConnection> done) {
    if (remaining == 0) {
      done.complete(this);
      return;
    }
    long start = System.nanoTime();
    transaction(n)
        .whenComplete(
            (result, failure) -> {
              if (failure != null) {
                // The client closed the connection; the rest of its share is lost.
                errors += remaining;
                done.complete(this);
                return;
              }
              latencies.recordValue(Math.min(System.nanoTime() - start, HIGHEST_TRACKABLE_NANOS));
              verdicts.merge(result.verdict().getClass().getSimpleName(), 1L, Long::sum);
              modifications += result.modifications().size();
              next(n + stride, stride, remaining - 1, done);
            });
  }

  private CompletableFuture<MilterResult> transaction(long n) {
    client.connect("client.test", AddressFamily.INET, "192.0.2.1", 40000 + (int) (n % 20000));
    client.helo("client.test");
    client.mail("<sender" + n + "@client.test>", List.of());
    client.rcpt("<rcpt@example.test>", List.of());
    client.data();
    for (MessageContent.Header header : message.headers(n)) {
      client.header(header.name(), header.value());
    }
    client.endOfHeaders();
    client.body(message.body());
    CompletableFuture<MilterResult> result = client.endOfMessage().toCompletableFuture();
    client.reset();
    return result;
  }

  /** Forgets what was counted, after the warm-up. */
  void clear() {
    latencies.reset();
    verdicts.clear();
    modifications = 0;
    errors = 0;
  }

  Histogram latencies() {
    return latencies;
  }

  Map<String, Long> verdicts() {
    return verdicts;
  }

  long modifications() {
    return modifications;
  }

  long errors() {
    return errors;
  }

  MilterClient client() {
    return client;
  }
}
