package org.postern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.postern.common.address.ListenAddress;

/**
 * Times new SMTP connections from connect to the final {@code 220 } greeting line, as a client sees
 * a server or a front proxy, with {@code connections} clients connecting one after another. Each
 * connection is closed once greeted; the server sees a client that hangs up.
 */
public final class GreetingDriver {
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int READ_TIMEOUT_MILLIS = 30_000;
  private static final int MAX_GREETING_BYTES = 4096;

  private GreetingDriver() {}

  /** Runs the connections described by {@code options} and reports what was measured. */
  public static BenchReport run(BenchOptions options) throws BenchException, InterruptedException {
    if (!(options.target() instanceof ListenAddress.Inet)) {
      throw new BenchException("smtp-greeting needs an inet:HOST:PORT target", null);
    }
    SocketAddress target = options.target().toSocketAddress();
    long warmUpEnd = System.nanoTime() + options.warmUp().toNanos();
    long end = warmUpEnd + options.duration().toNanos();
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < options.connections(); i++) {
      Worker worker = new Worker(target, warmUpEnd, end);
      workers.add(worker);
      worker.start();
    }
    Histogram latencies = new Histogram(LoadConnection.HIGHEST_TRACKABLE_NANOS, 3);
    Map<ReplyOutcome, Long> outcomes = new EnumMap<>(ReplyOutcome.class);
    for (Worker worker : workers) {
      worker.join();
      latencies.add(worker.latencies);
      if (worker.greeted > 0) {
        outcomes.merge(ReplyOutcome.GREETED, worker.greeted, Long::sum);
      }
      if (worker.errors > 0) {
        outcomes.merge(ReplyOutcome.ERROR, worker.errors, Long::sum);
      }
    }
    if (latencies.getTotalCount() == 0 && outcomes.isEmpty()) {
      throw new BenchException("no connection to " + options.target() + " was greeted", null);
    }
    return new BenchReport(
        options,
        options.duration(),
        outcomes,
        latencies.getValueAtPercentile(50) / 1000.0,
        latencies.getValueAtPercentile(99) / 1000.0,
        latencies.getValueAtPercentile(99.9) / 1000.0,
        latencies.getMaxValue() / 1000.0);
  }

  /** One client connecting, waiting for the greeting and hanging up, over and over. */
  private static final class Worker extends Thread {
    private final SocketAddress target;
    private final long warmUpEnd;
    private final long end;
    private final Histogram latencies = new Histogram(LoadConnection.HIGHEST_TRACKABLE_NANOS, 3);
    private long greeted;
    private long errors;

    Worker(SocketAddress target, long warmUpEnd, long end) {
      super("smtp-greeting");
      this.target = target;
      this.warmUpEnd = warmUpEnd;
      this.end = end;
    }

    @Override
    public void run() {
      while (System.nanoTime() < end) {
        long start = System.nanoTime();
        boolean ok = greetOnce();
        long finished = System.nanoTime();
        if (start < warmUpEnd) {
          continue;
        }
        if (ok) {
          greeted++;
          latencies.recordValue(Math.min(finished - start, LoadConnection.HIGHEST_TRACKABLE_NANOS));
        } else {
          errors++;
        }
      }
    }

    // True when the server's greeting ended with a "220 " line.
    private boolean greetOnce() {
      try (Socket socket = new Socket()) {
        socket.setTcpNoDelay(true);
        socket.setSoLinger(true, 0); // reset on close: no TIME_WAIT pile-up over many connections
        socket.connect(target, CONNECT_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return finalGreeting(socket.getInputStream());
      } catch (IOException e) {
        return false;
      }
    }

    private static boolean finalGreeting(InputStream in) throws IOException {
      StringBuilder line = new StringBuilder();
      for (int read = 0; read < MAX_GREETING_BYTES; read++) {
        int b = in.read();
        if (b < 0) {
          return false;
        }
        if (b == '\n') {
          String text = line.toString();
          if (text.startsWith("220 ")) {
            return true;
          }
          if (!text.startsWith("220-")) {
            return false;
          }
          line.setLength(0);
        } else {
          line.append((char) b); // ISO-8859-1
        }
      }
      return false;
    }
  }
}
