package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny SMTP server on 127.0.0.1 playing the remote domains a Postfix under test relays to: it
 * accepts every transaction and keeps each message in memory for assertions.
 *
 * <p>Speaks EHLO, HELO, MAIL, RCPT, DATA (with dot-unstuffing), RSET, NOOP and QUIT; anything else
 * gets 502. Recipients matching the reject predicate get 550, to provoke bounces.
 */
public final class CapturingSmtpSink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CapturingSmtpSink.class);
  private static final int WORKER_THREADS = 8;

  private final ServerSocket serverSocket;
  private final Predicate<String> rejectRecipient;
  private final ExecutorService workers;
  private final Thread acceptor;
  private final Set<Socket> openConnections = ConcurrentHashMap.newKeySet();
  private final List<CapturedMessage> messages = new ArrayList<>();
  private final AtomicInteger queueIds = new AtomicInteger();
  private volatile boolean closed;

  private CapturingSmtpSink(ServerSocket serverSocket, Predicate<String> rejectRecipient) {
    this.serverSocket = serverSocket;
    this.rejectRecipient = rejectRecipient;
    AtomicInteger threadNumber = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            WORKER_THREADS,
            runnable -> {
              Thread thread =
                  new Thread(
                      runnable, "smtp-sink-" + port() + "-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.acceptor = new Thread(this::acceptLoop, "smtp-sink-" + port() + "-accept");
    this.acceptor.setDaemon(true);
  }

  /** Starts a sink on 127.0.0.1 at a free port that accepts every recipient. */
  public static CapturingSmtpSink start() {
    return startRejecting(recipient -> false);
  }

  /**
   * Starts a sink on 127.0.0.1 at a free port that answers 550 to the recipients (addresses without
   * angle brackets) matching {@code rejectRecipient}.
   */
  public static CapturingSmtpSink startRejecting(Predicate<String> rejectRecipient) {
    ServerSocket socket = null;
    try {
      socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      CapturingSmtpSink sink = new CapturingSmtpSink(socket, rejectRecipient);
      sink.acceptor.start();
      LOG.debug("SMTP sink listening on 127.0.0.1:{}", sink.port());
      return sink;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new UncheckedIOException("cannot start the SMTP sink on loopback", e);
    }
  }

  /** The TCP port the sink listens on (host 127.0.0.1). */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** The host the sink listens on, always {@code 127.0.0.1}. */
  public String host() {
    return serverSocket.getInetAddress().getHostAddress();
  }

  /** A snapshot of the messages captured so far, in arrival order. */
  public List<CapturedMessage> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  /** Forgets every captured message. */
  public void clear() {
    synchronized (messages) {
      messages.clear();
    }
  }

  /**
   * Waits until a captured message matches, and returns the first that does.
   *
   * @throws AssertionError on timeout, listing what was captured instead
   */
  public CapturedMessage awaitMessage(Predicate<CapturedMessage> matcher, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (messages) {
      while (true) {
        for (CapturedMessage message : messages) {
          if (matcher.test(message)) {
            return message;
          }
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new AssertionError(
              "no matching message reached the SMTP sink on port "
                  + port()
                  + " within "
                  + timeout
                  + "; captured: "
                  + messages);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(messages, remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for a message", e);
        }
      }
    }
  }

  /** Stops listening, drops open connections and stops the worker threads. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(serverSocket);
    for (Socket connection : openConnections) {
      closeQuietly(connection);
    }
    workers.shutdownNow();
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(5));
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stores a completed transaction; called by sessions. */
  String store(CapturedMessage message) {
    synchronized (messages) {
      messages.add(message);
      messages.notifyAll();
    }
    LOG.debug("SMTP sink on port {} captured {}", port(), message);
    return "SINK" + queueIds.incrementAndGet();
  }

  boolean rejects(String recipient) {
    return rejectRecipient.test(recipient);
  }

  private void acceptLoop() {
    while (!closed) {
      Socket connection;
      try {
        connection = serverSocket.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("SMTP sink on port {} stopped accepting", port(), e);
        }
        return;
      }
      openConnections.add(connection);
      try {
        workers.execute(() -> serve(connection));
      } catch (RejectedExecutionException e) {
        openConnections.remove(connection);
        closeQuietly(connection);
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      new SmtpSinkSession(this, connection).run();
    } catch (SocketException e) {
      if (!closed) {
        LOG.debug("SMTP sink connection ended: {}", e.toString());
      }
    } catch (IOException e) {
      LOG.warn("SMTP sink connection failed", e);
    } finally {
      openConnections.remove(connection);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.debug("close failed: {}", e.toString());
    }
  }
}
