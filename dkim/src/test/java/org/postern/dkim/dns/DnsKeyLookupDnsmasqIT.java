package org.postern.dkim.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.dkim.keys.DnsRecordText;
import org.postern.dkim.keys.SigningKey;
import org.postern.dkim.message.HeaderField;
import org.postern.dkim.signing.DkimSigner;
import org.postern.dkim.signing.SigningSession;
import org.postern.dkim.verification.DkimResult;
import org.postern.dkim.verification.DkimStatus;
import org.postern.dkim.verification.DkimVerifier;
import org.postern.testing.FreePorts;
import org.postern.testing.Peers;
import org.xbill.DNS.SimpleResolver;

/** DnsKeyLookup against a real DNS server: dnsmasq on a loopback port serving TXT records. */
class DnsKeyLookupDnsmasqIT {
  private static final String DOMAIN = "example.test";
  private static final int TTL = 120;

  @TempDir static Path directory;
  private static Process dnsmasq;
  private static Path queryLog;
  private static int port;
  private static KeyPair rsa;

  @BeforeAll
  static void startDnsmasq() throws Exception {
    Path binary = Peers.require("dnsmasq");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    rsa = generator.generateKeyPair();
    List<String> strings = DnsRecordText.strings(DnsRecordText.value(rsa.getPublic()));
    assertThat(strings).hasSizeGreaterThan(1);

    port = FreePorts.allocate();
    queryLog = directory.resolve("dnsmasq.log");
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--keep-in-foreground");
    command.add("--conf-file=/dev/null");
    command.add("--port=" + port);
    command.add("--listen-address=127.0.0.1");
    command.add("--bind-interfaces");
    command.add("--no-resolv");
    command.add("--no-hosts");
    command.add("--pid-file=");
    command.add("--user=" + System.getProperty("user.name"));
    // Answer names under the test domain from the records below only: NXDOMAIN for the rest.
    command.add("--local=/" + DOMAIN + "/");
    command.add("--local-ttl=" + TTL);
    command.add("--log-queries");
    command.add("--log-facility=" + queryLog);
    // A 2048-bit key needs several character-strings (each at most 255 bytes).
    command.add("--txt-record=rsa._domainkey." + DOMAIN + "," + String.join(",", strings));
    command.add("--txt-record=two._domainkey." + DOMAIN + ",v=DKIM1; p=AAAA");
    command.add("--txt-record=two._domainkey." + DOMAIN + ",v=DKIM1; p=BBBB");
    dnsmasq =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("dnsmasq.out").toFile())
            .start();
    awaitAnswers();
  }

  @AfterAll
  static void stopDnsmasq() throws Exception {
    if (dnsmasq != null) {
      dnsmasq.destroy();
      if (!dnsmasq.waitFor(10, TimeUnit.SECONDS)) {
        dnsmasq.destroyForcibly();
      }
    }
  }

  private static void awaitAnswers() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      if (!dnsmasq.isAlive()) {
        throw new IllegalStateException(
            "dnsmasq exited: " + Files.readString(directory.resolve("dnsmasq.out")));
      }
      try {
        lookup().lookup("rsa", DOMAIN).toCompletableFuture().get();
        return;
      } catch (ExecutionException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private static DnsKeyLookup lookup() throws IOException {
    return lookupAt(port, Duration.ofSeconds(2));
  }

  private static DnsKeyLookup lookupAt(int serverPort, Duration timeout) throws IOException {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(serverPort);
    resolver.setTimeout(timeout);
    return new DnsKeyLookup(resolver);
  }

  private static long queriesFor(String name) throws IOException {
    if (!Files.exists(queryLog)) {
      return 0;
    }
    return Files.readAllLines(queryLog, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains("query[TXT] " + name + " "))
        .count();
  }

  /** Polls the query log until dnsmasq has logged {@code count} queries of the name. */
  private static long awaitQueries(String name, long count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    long seen = queriesFor(name);
    while (seen < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
      seen = queriesFor(name);
    }
    return seen;
  }

  @Test
  void aKeySplitIntoSeveralStringsIsJoinedWithoutSeparatorsAndVerifies() throws Exception {
    TxtRecords records = lookup().lookup("rsa", DOMAIN).toCompletableFuture().get();

    assertThat(records.texts()).containsExactly(DnsRecordText.value(rsa.getPublic()));
    assertThat(records.ttl()).isEqualTo(Duration.ofSeconds(TTL));

    DkimSigner signer =
        DkimSigner.builder().key(SigningKey.of(DOMAIN, "rsa", rsa.getPrivate())).build();
    SigningSession session = signer.newSession();
    session.header(new HeaderField("From", " a@" + DOMAIN));
    session.body("Hello\r\n".getBytes(StandardCharsets.US_ASCII));
    HeaderField signature = session.finish().get(0);
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.writeBytes(
        (signature.name() + ":" + signature.value() + "\r\nFrom: a@" + DOMAIN + "\r\n\r\nHello\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    List<DkimResult> results =
        DkimVerifier.builder(lookup())
            .build()
            .verify(new ByteArrayInputStream(message.toByteArray()))
            .toCompletableFuture()
            .get();
    assertThat(results).extracting(DkimResult::status).containsExactly(DkimStatus.PASS);
  }

  @Test
  void nxdomainIsNoKeyAndTheSignatureIsPermerror() throws Exception {
    TxtRecords records = lookup().lookup("missing", DOMAIN).toCompletableFuture().get();
    assertThat(records.texts()).isEmpty();

    DkimResult result = verifyWith(lookup(), "missing");
    assertThat(result.status()).isEqualTo(DkimStatus.PERMERROR);
    assertThat(result.reason()).isEqualTo("no key for signature");
  }

  @Test
  void twoKeyRecordsArePermerror() throws Exception {
    TxtRecords records = lookup().lookup("two", DOMAIN).toCompletableFuture().get();
    assertThat(records.texts()).containsExactlyInAnyOrder("v=DKIM1; p=AAAA", "v=DKIM1; p=BBBB");

    DkimResult result = verifyWith(lookup(), "two");
    assertThat(result.status()).isEqualTo(DkimStatus.PERMERROR);
    assertThat(result.reason()).isEqualTo("more than one key record");
  }

  @Test
  void aServerThatNeverAnswersIsTemperror() throws Exception {
    try (DatagramSocket silent =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      DnsKeyLookup lookup = lookupAt(silent.getLocalPort(), Duration.ofMillis(500));

      assertThatThrownBy(() -> lookup.lookup("rsa", DOMAIN).toCompletableFuture().get())
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TemporaryLookupException.class);
      DkimResult result = verifyWith(lookup, "rsa");
      assertThat(result.status()).isEqualTo(DkimStatus.TEMPERROR);
      assertThat(result.domain()).isEqualTo(DOMAIN);
      assertThat(result.selector()).isEqualTo("rsa");
    }
  }

  @Test
  void theCacheAnswersUntilTheRecordsTtlRunsOut() throws Exception {
    String name = "rsa._domainkey." + DOMAIN;
    AtomicLong nanos = new AtomicLong();
    CachingKeyLookup cache = new CachingKeyLookup(lookup(), 100, Duration.ofHours(1), nanos::get);
    long before = awaitQueries(name, 0);

    TxtRecords first = cache.lookup("rsa", DOMAIN).toCompletableFuture().get();
    assertThat(awaitQueries(name, before + 1)).isEqualTo(before + 1);
    nanos.addAndGet(Duration.ofSeconds(TTL - 1).toNanos());
    TxtRecords second = cache.lookup("rsa", DOMAIN).toCompletableFuture().get();
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    TxtRecords third = cache.lookup("rsa", DOMAIN).toCompletableFuture().get();

    // The third lookup went to dnsmasq after the TTL; the second did not (only two queries).
    assertThat(awaitQueries(name, before + 2)).isEqualTo(before + 2);
    assertThat(second).isSameAs(first);
    assertThat(third.texts()).isEqualTo(first.texts());
  }

  /** Verifies a message whose signature names {@code selector} (the key itself never matches). */
  private static DkimResult verifyWith(KeyLookup lookup, String selector) throws Exception {
    SigningSession session =
        DkimSigner.builder()
            .key(SigningKey.of(DOMAIN, selector, rsa.getPrivate()))
            .build()
            .newSession();
    session.header(new HeaderField("From", " a@" + DOMAIN));
    session.body("Hi\r\n".getBytes(StandardCharsets.US_ASCII));
    HeaderField signature = session.finish().get(0);
    String message =
        signature.name() + ":" + signature.value() + "\r\nFrom: a@" + DOMAIN + "\r\n\r\nHi\r\n";
    List<DkimResult> results =
        DkimVerifier.builder(lookup)
            .build()
            .verify(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)))
            .toCompletableFuture()
            .get();
    assertThat(results).hasSize(1);
    return results.get(0);
  }
}
