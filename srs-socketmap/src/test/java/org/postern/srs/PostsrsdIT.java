package org.postern.srs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postern.tcptable.MalformedTcpTableMessageException;
import org.postern.tcptable.TcpTableReply;
import org.postern.tcptable.TcpTableRequest;
import org.postern.testing.FreePorts;
import org.postern.testing.Peers;

/**
 * Debian's postsrsd 1.10 as the reference implementation: it runs in the foreground as a child
 * process with postsrsd's test secret, and is asked over tcp_table, its only protocol. Our rewriter
 * in standard-base64 mode must produce exactly its forward addresses, and each side must reverse
 * what the other produced.
 */
class PostsrsdIT {
  private static final String SRS_DOMAIN = "example.com";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  @TempDir static Path directory;

  private static Process postsrsd;
  private static Path log;
  private static TcpTableClient forwardTable;
  private static TcpTableClient reverseTable;
  private static SrsRewriter rewriter;

  @BeforeAll
  static void startPostsrsd() throws Exception {
    Path binary = Peers.require("postsrsd");
    Path secrets = directory.resolve("secrets");
    Files.writeString(secrets, SrsFixtures.SECRET + "\n");
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
    int forwardPort = FreePorts.allocate();
    int reversePort = FreePorts.allocate();
    log = directory.resolve("postsrsd.log");
    // No -D: it stays in the foreground, so this process is postsrsd itself and can be stopped.
    postsrsd =
        new ProcessBuilder(
                binary.toString(),
                "-s" + secrets,
                "-d" + SRS_DOMAIN,
                "-l127.0.0.1",
                "-4",
                "-f" + forwardPort,
                "-r" + reversePort)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    forwardTable = connect(forwardPort);
    reverseTable = connect(reversePort);
    rewriter =
        SrsRewriter.builder()
            .srsDomain(SRS_DOMAIN)
            .secrets(SrsSecrets.load(secrets))
            .hashEncoding(HashEncoding.BASE64)
            .build();
  }

  @AfterAll
  static void stopPostsrsd() throws Exception {
    for (TcpTableClient client : new TcpTableClient[] {forwardTable, reverseTable}) {
      if (client != null) {
        client.close();
      }
    }
    if (postsrsd != null) {
      // postsrsd forks a child per connection; stop those too.
      postsrsd.descendants().forEach(ProcessHandle::destroy);
      postsrsd.destroy();
      if (!postsrsd.waitFor(5, TimeUnit.SECONDS)) {
        postsrsd.descendants().forEach(ProcessHandle::destroyForcibly);
        postsrsd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private static TcpTableClient connect(int port) throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      try {
        return new TcpTableClient(port);
      } catch (IOException notYet) {
        if (!postsrsd.isAlive() || Instant.now().isAfter(deadline)) {
          throw new AssertionError(
              "postsrsd did not listen on port " + port + "; its output: " + Files.readString(log),
              notYet);
        }
        Thread.sleep(50);
      }
    }
  }

  static Stream<String> senders() {
    List<String> senders =
        new ArrayList<>(
            List.of(
                "test@otherdomain.com",
                "a+b=c@Foo.ORG",
                "first.last+tag@sub.example.net",
                "x=y=z@domain.test",
                "USER@EXAMPLE.NET",
                "MiXeD.Case@Some-Domain.Test",
                "o'brien@irish.test",
                "user@[192.0.2.1]",
                "SRS0=vmyz=2W=otherdomain.com=test@foreign.org",
                "SRS0+abcd=3X=other.org=local=part@forwarder.test",
                "per%cent@x.test",
                "sp ace@x.test",
                "SRS1=AbCd=first.org==vmyz=2W=otherdomain.com=test@second.org",
                "bounce-12345-user=remote.test@lists.example.org"));
    // Many plain senders, so that hashes with '+' and '/' come up.
    for (int i = 0; i < 64; i++) {
      senders.add("user" + i + "@foreign" + i + ".test");
    }
    return senders.stream();
  }

  @ParameterizedTest
  @MethodSource("senders")
  void forwardIsIdenticalToPostsrsdAndBothSidesReverseIt(String sender) throws Exception {
    SrsResult before = rewriter.forward(sender);
    TcpTableReply theirs = forwardTable.lookup(sender);
    SrsResult after = rewriter.forward(sender);
    assertThat(theirs.status())
        .as("postsrsd forward of %s", sender)
        .isEqualTo(TcpTableReply.Status.FOUND);
    // postsrsd uses the current time: equal to ours just before or, across midnight, just after.
    assertThat(new SrsResult.Rewritten(theirs.text()))
        .as("postsrsd forward of %s", sender)
        .isIn(before, after);

    SrsResult ourReverse = rewriter.reverse(theirs.text());
    TcpTableReply theirReverse = reverseTable.lookup(theirs.text());
    assertThat(theirReverse.status()).as("postsrsd reverse").isEqualTo(TcpTableReply.Status.FOUND);
    assertThat(ourReverse).isEqualTo(new SrsResult.Rewritten(theirReverse.text()));
    if (!sender.startsWith("SRS1")) {
      // An SRS1 sender reverses to its first hop's SRS0 address instead; checked below.
      assertThat(ourReverse).isEqualTo(new SrsResult.Rewritten(sender));
    }
  }

  @Test
  void postsrsdReversesWhatWeWriteAndBothRefuseForgeries() throws Exception {
    String ours = ((SrsResult.Rewritten) rewriter.forward("someone@foreign.test")).address();
    assertThat(reverseTable.lookup(ours)).isEqualTo(TcpTableReply.found("someone@foreign.test"));
    // Case does not matter to either side.
    assertThat(reverseTable.lookup(ours.toLowerCase()).status())
        .isEqualTo(TcpTableReply.Status.FOUND);
    assertThat(rewriter.reverse(ours.toLowerCase())).isInstanceOf(SrsResult.Rewritten.class);

    String forged = ours.replaceFirst("=foreign\\.test=", "=forged.test=");
    assertThat(forged).isNotEqualTo(ours);
    assertThat(reverseTable.lookup(forged).status()).isEqualTo(TcpTableReply.Status.NOT_FOUND);
    assertThat(rewriter.reverse(forged)).isInstanceOf(SrsResult.Invalid.class);
  }

  @Test
  void theReverseOfAnSrs1AddressIsTheFirstHopSrs0OnBothSides() throws Exception {
    // The first hop is another forwarder with its own secret: postsrsd 1.10 answers "Already
    // rewritten" for an SRS0 address that verifies under its own secret, whatever its domain.
    SrsRewriter firstHop =
        SrsRewriter.builder()
            .srsDomain("hop.test")
            .secrets(SrsFixtures.secrets("first-hop-secret"))
            .hashEncoding(HashEncoding.BASE64)
            .build();
    String atFirstHop = ((SrsResult.Rewritten) firstHop.forward("a@origin.test")).address();
    TcpTableReply theirs = forwardTable.lookup(atFirstHop);
    assertThat(theirs.text()).startsWith("SRS1");
    assertThat(rewriter.forward(atFirstHop)).isEqualTo(new SrsResult.Rewritten(theirs.text()));
    assertThat(reverseTable.lookup(theirs.text())).isEqualTo(TcpTableReply.found(atFirstHop));
    assertThat(rewriter.reverse(theirs.text())).isEqualTo(new SrsResult.Rewritten(atFirstHop));
  }

  /** A blocking tcp_table client: one request, one reply, on a persistent connection. */
  private static final class TcpTableClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;

    TcpTableClient(int port) throws IOException {
      socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      socket.setSoTimeout(5000);
      out = socket.getOutputStream();
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    TcpTableReply lookup(String key) throws IOException, MalformedTcpTableMessageException {
      out.write((new TcpTableRequest(key).encode() + "\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line = in.readLine();
      if (line == null) {
        throw new IOException("postsrsd closed the connection");
      }
      return TcpTableReply.parse(line);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
