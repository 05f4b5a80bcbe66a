package org.postern.dkim.milter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.AlgorithmParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.address.ListenAddress;
import org.postern.common.executor.BoundedExecutor;
import org.postern.common.server.DaemonServer;
import org.postern.dkim.crypto.RsaProvider;
import org.postern.dkim.dns.StaticKeyLookup;
import org.postern.dkim.keys.DnsRecordText;
import org.postern.dkim.keys.KeyRing;
import org.postern.dkim.keys.PrivateKeyFiles;
import org.postern.dkim.keys.SigningKey;
import org.postern.dkim.verification.DkimResult;
import org.postern.dkim.verification.DkimStatus;
import org.postern.milter.client.MessageContent;
import org.postern.milter.client.MilterClient;
import org.postern.milter.client.MilterClientFactory;
import org.postern.milter.client.MilterResult;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.filter.FilterChain;
import org.postern.milter.filter.MilterFilter;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.reply.Verdict;
import org.postern.milter.server.MilterServer;

/**
 * The crypto executors of dkim-sign and dkim-verify behind a real MilterServer: one thread, a queue
 * of one, the thread held by a latch. A message that finds the queue full gets TEMPFAIL at end of
 * message, its connection carries on, and once the thread is free mail is signed or verified again;
 * signing runs on the executor's thread, never on a Netty event loop.
 */
class DkimMilterSaturationTest {
  private static final String DOMAIN = "example.org";
  private static final String SELECTOR = "sel2048";
  private static final String AUTHSERV_ID = "mx.test.example";
  private static final String INTERNAL = "127.0.0.1";
  private static final String EXTERNAL = "192.0.2.1";
  private static final long WAIT_SECONDS = 20;

  @TempDir static Path directory;
  private static KeyPair keys;
  private static Path keyFile;
  private static Path dnsFile;
  private static StaticKeyLookup dns;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    keyFile = directory.resolve("sel2048.key");
    PrivateKeyFiles.write(keyFile, keys.getPrivate());
    dnsFile = directory.resolve("keys.dns");
    Files.writeString(dnsFile, DnsRecordText.zoneLine(SELECTOR, DOMAIN, keys.getPublic()) + "\n");
    dns = StaticKeyLookup.fromFile(dnsFile);
  }

  @Test
  void signingQueuesBehindABusyThreadAndAFullQueueAnswersTempfail() throws Exception {
    HoldingRsaKey key = new HoldingRsaKey((RSAPrivateCrtKey) keys.getPrivate());
    BoundedExecutor executor =
        BoundedExecutor.builder("dkim-sign").threads(1).queueCapacity(1).build();
    DkimSignSettings settings =
        DkimSignSettings.forDomain(DOMAIN, List.of(new SigningKeySettings(SELECTOR, keyFile, true)))
            .withNetworks(List.of(INTERNAL + "/32"));
    KeyRing ring = KeyRing.builder().add(SigningKey.of(DOMAIN, SELECTOR, key), true).build();

    // The JDK provider reads the key at every signature, which is where this test holds it.
    try (Milter milter =
        new Milter(new DkimSignFilter(ring, settings, executor, RsaProvider.JDK))) {
      try (MilterClient first = milter.connect(INTERNAL);
          MilterClient second = milter.connect(INTERNAL);
          MilterClient third = milter.connect(INTERNAL)) {
        key.holdNextSigning();
        Sent held = send(first, message("Held"));
        key.awaitHeld();
        Sent queued = send(second, message("Queued"));
        awaitTrue(executor::saturated, "the second signing waits in the queue");

        MilterResult refused = send(third, message("Refused")).result();

        assertThat(refused.verdict()).isInstanceOf(Verdict.Tempfail.class);
        assertThat(refused.modifications()).isEmpty();
        assertThat(held.content()).isNotDone();
        assertThat(queued.content()).isNotDone();

        key.release();
        // Both waiting signings finish before the next message, or it could find the queue full.
        held.result();
        queued.result();
        for (Sent sent : List.of(held, queued, send(third, message("After release")))) {
          MilterResult result = sent.result();
          assertThat(result.verdict()).isInstanceOf(Verdict.Continue.class);
          assertThat(DkimTestMessages.inserted(result, "DKIM-Signature")).hasSize(1);
          assertThat(DkimTestMessages.verify(dns, sent.delivered(result)))
              .extracting(DkimResult::status)
              .containsExactly(DkimStatus.PASS);
        }
      } finally {
        key.release();
      }
    }
    // Held, queued and after release: the refused message never reached the key.
    assertThat(key.signingThreads())
        .hasSize(3)
        .allSatisfy(
            thread -> {
              assertThat(thread).isNotInstanceOf(FastThreadLocalThread.class);
              assertThat(thread.getName()).startsWith("dkim-sign-");
            });
  }

  @Test
  void verificationQueuesBehindABusyThreadAndAFullQueueAnswersTempfail() throws Exception {
    BoundedExecutor executor =
        BoundedExecutor.builder("dkim-verify").threads(1).queueCapacity(1).build();
    DkimVerifySettings settings =
        DkimVerifySettings.defaults().with(AUTHSERV_ID, List.of(INTERNAL + "/32"), dnsFile);
    CountDownLatch release = new CountDownLatch(1);

    try (Milter milter = new Milter(DkimVerifyFilterFactory.create(settings, dns, executor))) {
      try (MilterClient first = milter.connect(EXTERNAL);
          MilterClient second = milter.connect(EXTERNAL)) {
        CompletableFuture<Void> holding =
            executor.submit(
                () -> {
                  release.await();
                  return null;
                });
        Sent queued = send(first, signedByLibrary(message("Queued")));
        awaitTrue(executor::saturated, "the first verification waits in the queue");

        MilterResult refused = send(second, signedByLibrary(message("Refused"))).result();

        assertThat(refused.verdict()).isInstanceOf(Verdict.Tempfail.class);
        assertThat(refused.modifications()).isEmpty();
        assertThat(queued.content()).isNotDone();

        release.countDown();
        holding.get(WAIT_SECONDS, TimeUnit.SECONDS);
        for (Sent sent : List.of(queued, send(second, signedByLibrary(message("After"))))) {
          MilterResult result = sent.result();
          assertThat(result.verdict()).isInstanceOf(Verdict.Continue.class);
          assertThat(DkimTestMessages.inserted(result, "Authentication-Results"))
              .singleElement()
              .satisfies(
                  value ->
                      assertThat(value.replaceAll("\\s+", " "))
                          .contains(AUTHSERV_ID + "; dkim=pass header.d=" + DOMAIN));
        }
      } finally {
        release.countDown();
      }
    }
  }

  /** A MilterServer on a loopback port running {@code filter} alone. */
  private static final class Milter implements AutoCloseable {
    private final FilterChain chain;
    private final DaemonServer server;
    private final MilterClientFactory clients;

    Milter(MilterFilter filter) throws Exception {
      chain = new FilterChain(List.of(filter));
      server =
          MilterServer.builder(chain)
              .build()
              .daemonServer(List.of(ListenAddress.parse("inet:127.0.0.1:0")))
              .build();
      server.start();
      clients =
          MilterClientFactory.builder(server.boundAddresses().get(0))
              .commandTimeout(Duration.ofSeconds(WAIT_SECONDS))
              .contentTimeout(Duration.ofSeconds(WAIT_SECONDS))
              .build();
    }

    /** A connection for an SMTP client at {@code address}, past CONNECT and HELO. */
    MilterClient connect(String address) throws Exception {
      MilterClient client =
          clients.connect().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(
              client
                  .connect("client.example", AddressFamily.INET, address, 40000)
                  .toCompletableFuture()
                  .get(WAIT_SECONDS, TimeUnit.SECONDS))
          .isInstanceOf(Verdict.Continue.class);
      assertThat(
              client
                  .helo("client.example")
                  .toCompletableFuture()
                  .get(WAIT_SECONDS, TimeUnit.SECONDS))
          .isInstanceOf(Verdict.Continue.class);
      return client;
    }

    @Override
    public void close() {
      clients.close();
      server.close();
      chain.close();
    }
  }

  /** One message on its way: the envelope steps' verdicts and the end-of-message result. */
  private record Sent(
      MessageContent message,
      List<CompletionStage<Verdict>> envelope,
      CompletableFuture<MilterResult> content) {

    /** The result at end of message, after checking that the envelope went through. */
    MilterResult result() throws Exception {
      MilterResult result = content.get(WAIT_SECONDS, TimeUnit.SECONDS);
      for (CompletionStage<Verdict> step : envelope) {
        assertThat(step.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS))
            .isInstanceOf(Verdict.Continue.class);
      }
      return result;
    }

    /** The message as the MTA would deliver it with {@code result}'s changes. */
    byte[] delivered(MilterResult result) {
      return message.apply(result.modifications(), true).toBytes();
    }
  }

  private static Sent send(MilterClient client, MessageContent message) {
    client.macros(MacroStage.MAIL, Map.of("i", "QID" + Math.abs(message.hashCode())));
    List<CompletionStage<Verdict>> envelope = new ArrayList<>();
    envelope.add(client.mail("<alice@example.org>", List.of()));
    envelope.add(client.rcpt("<bob@example.net>", List.of()));
    envelope.add(client.data());
    return new Sent(message, envelope, client.content(message).toCompletableFuture());
  }

  private static void awaitTrue(BooleanSupplier condition, String description)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("never happened: " + description);
      }
      Thread.sleep(5);
    }
  }

  private static MessageContent signedByLibrary(MessageContent message) throws Exception {
    return DkimTestMessages.signedByLibrary(message, keys.getPrivate(), DOMAIN, SELECTOR);
  }

  private static MessageContent message(String subject) {
    String text =
        "From: Alice <alice@example.org>\r\n"
            + "To: bob@example.net\r\n"
            + "Subject: "
            + subject
            + "\r\n"
            + "Message-ID: <"
            + Math.abs(subject.hashCode())
            + "@example.org>\r\n"
            + "\r\n"
            + "Body of "
            + subject
            + "\r\n";
    return MessageContent.parse(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * The RSA key of the signing filter, seen from the crypto side: every use of its private exponent
   * (once per signature, when the JCA provider takes the key) records the thread, and the next use
   * can be held until {@link #release()} so that signing occupies the executor's thread.
   */
  private static final class HoldingRsaKey implements RSAPrivateCrtKey {
    private static final long serialVersionUID = 1L;

    private final RSAPrivateCrtKey key;
    private final transient List<Thread> threads = new CopyOnWriteArrayList<>();
    private final transient AtomicBoolean holdNext = new AtomicBoolean();
    private final transient CountDownLatch held = new CountDownLatch(1);
    private final transient CountDownLatch released = new CountDownLatch(1);

    HoldingRsaKey(RSAPrivateCrtKey key) {
      this.key = key;
    }

    void holdNextSigning() {
      holdNext.set(true);
    }

    void awaitHeld() throws InterruptedException {
      assertThat(held.await(WAIT_SECONDS, TimeUnit.SECONDS))
          .as("a signing job took the key")
          .isTrue();
    }

    void release() {
      released.countDown();
    }

    List<Thread> signingThreads() {
      return List.copyOf(threads);
    }

    @Override
    public BigInteger getPrivateExponent() {
      threads.add(Thread.currentThread());
      if (holdNext.compareAndSet(true, false)) {
        held.countDown();
        try {
          released.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return key.getPrivateExponent();
    }

    @Override
    public BigInteger getModulus() {
      return key.getModulus();
    }

    @Override
    public BigInteger getPublicExponent() {
      return key.getPublicExponent();
    }

    @Override
    public BigInteger getPrimeP() {
      return key.getPrimeP();
    }

    @Override
    public BigInteger getPrimeQ() {
      return key.getPrimeQ();
    }

    @Override
    public BigInteger getPrimeExponentP() {
      return key.getPrimeExponentP();
    }

    @Override
    public BigInteger getPrimeExponentQ() {
      return key.getPrimeExponentQ();
    }

    @Override
    public BigInteger getCrtCoefficient() {
      return key.getCrtCoefficient();
    }

    @Override
    public AlgorithmParameterSpec getParams() {
      return key.getParams();
    }

    @Override
    public String getAlgorithm() {
      return key.getAlgorithm();
    }

    @Override
    public String getFormat() {
      return key.getFormat();
    }

    @Override
    public byte[] getEncoded() {
      return key.getEncoded();
    }
  }
}
