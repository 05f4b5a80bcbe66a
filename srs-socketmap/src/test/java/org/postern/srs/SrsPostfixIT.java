package org.postern.srs;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.address.ListenAddress;
import org.postern.common.server.DaemonServer;
import org.postern.socketmap.SocketmapChannelInitializer;
import org.postern.socketmap.SocketmapHandler;
import org.postern.socketmap.SocketmapReply;
import org.postern.testing.CapturedMessage;
import org.postern.testing.CapturingSmtpSink;
import org.postern.testing.Peers;
import org.postern.testing.PrivatePostfix;
import org.postern.testing.Swaks;
import org.postern.testing.SwaksResult;

/**
 * Real Postfix rewriting through our socketmap as postsrsd's users configure it: {@code
 * sender_canonical_maps} through {@code forward}, {@code recipient_canonical_maps} through {@code
 * reverse}. A local alias forwards to a remote address; the SRS domain is a virtual alias domain
 * with no users, so an SRS address that does not reverse is an unknown recipient (5xx at RCPT).
 */
class SrsPostfixIT {
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(90);
  private static final String SRS_DOMAIN = "srs.example.test";

  @TempDir static Path directory;

  private static EventLoopGroup group;
  private static DaemonServer socketmapServer;
  private static SrsRewriter rewriter;
  private static CapturingSmtpSink sink;
  private static PrivatePostfix postfix;
  private static final Queue<String> lookups = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws Exception {
    Peers.require("swaks");
    rewriter =
        SrsRewriter.builder()
            .srsDomain(SRS_DOMAIN)
            .secrets(SrsSecrets.of(List.of("it-" + UUID.randomUUID())))
            .build();
    SrsSocketmap maps = new SrsSocketmap(rewriter);
    // Records every lookup and its answer, so the test can see what Postfix asked.
    SocketmapHandler recording =
        request ->
            maps.lookup(request)
                .whenComplete(
                    (reply, error) ->
                        lookups.add(
                            request.mapName()
                                + " "
                                + request.key()
                                + " -> "
                                + (reply == null ? error : reply.status())));
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    socketmapServer =
        DaemonServer.builder("srs")
            .addresses(List.of(ListenAddress.parse("inet:127.0.0.1:0")))
            .childHandler(new SocketmapChannelInitializer(recording))
            .eventLoops(group, group)
            .build();
    socketmapServer.start();
    ListenAddress bound = socketmapServer.boundAddresses().get(0);

    Path aliases = directory.resolve("virtual");
    Files.writeString(aliases, "fwd@example.test\text@remote.test\n");
    sink = CapturingSmtpSink.start();
    PrivatePostfix.Builder builder =
        PrivatePostfix.builder()
            .relayDomain("remote.test", sink.port())
            .relayDomain("foreign.test", sink.port())
            .mainCf("virtual_alias_domains", "example.test, " + SRS_DOMAIN)
            .mainCf("virtual_alias_maps", "texthash:" + aliases)
            .mainCf("smtpd_reject_unlisted_recipient", "yes");
    for (String line : SrsSocketmap.postfixLines(bound)) {
      String[] keyValue = line.split(" = ", 2);
      builder.mainCf(keyValue[0], keyValue[1]);
    }
    postfix = builder.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (postfix != null) {
      postfix.close();
    }
    if (sink != null) {
      sink.close();
    }
    if (socketmapServer != null) {
      socketmapServer.close();
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  private static SwaksResult send(String from, String to, String subject) {
    return Swaks.builder()
        .port(postfix.smtpPort())
        .from(from)
        .to(to)
        .header("Subject", subject)
        .body("SRS through a real Postfix")
        .run();
  }

  private static CapturedMessage awaitSubject(String subject) {
    return sink.awaitMessage(
        message -> message.header("Subject").orElse("").equals(subject), DELIVERY_TIMEOUT);
  }

  @Test
  void forwardedMailLeavesWithAnSrs0SenderThatReversesToTheOriginal() {
    String subject = "forward " + UUID.randomUUID();
    SwaksResult sent = send("someone@foreign.test", "fwd@example.test", subject);
    assertThat(sent.succeeded()).as(sent.output()).isTrue();

    CapturedMessage message = awaitSubject(subject);
    assertThat(message.recipients()).containsExactly("ext@remote.test");
    assertThat(message.envelopeSender())
        .matches(
            "(?i)SRS0=[A-Za-z0-9_-]{4}=[A-Z2-7]{2}=foreign\\.test=someone@srs\\.example\\.test");
    assertThat(rewriter.reverse(message.envelopeSender()))
        .isEqualTo(new SrsResult.Rewritten("someone@foreign.test"));
    assertThat(lookups).contains("forward someone@foreign.test -> " + SocketmapReply.Status.OK);
  }

  @Test
  void aBounceToTheSrsAddressReachesTheOriginalSender() {
    SrsResult forwarded = rewriter.forward("someone@foreign.test");
    assertThat(forwarded).isInstanceOf(SrsResult.Rewritten.class);
    String srsAddress = ((SrsResult.Rewritten) forwarded).address();
    String subject = "bounce " + UUID.randomUUID();

    SwaksResult sent = send("<>", srsAddress, subject);
    assertThat(sent.succeeded()).as(sent.output()).isTrue();

    CapturedMessage bounce = awaitSubject(subject);
    assertThat(bounce.recipients()).containsExactly("someone@foreign.test");
    assertThat(bounce.envelopeSender()).isEmpty();
    // recipient_canonical_classes includes header_recipient: the To header is reversed too.
    assertThat(bounce.header("To").orElse("")).contains("someone@foreign.test");
  }

  @Test
  void aForgedSrsAddressIsRefusedPermanentlyAtRcpt() {
    String genuine = ((SrsResult.Rewritten) rewriter.forward("victim@foreign.test")).address();
    String forged = forgeHash(genuine);
    String subject = "forged " + UUID.randomUUID();

    SwaksResult sent = send("<>", forged, subject);

    assertThat(sent.succeeded()).isFalse();
    // swaks marks a refusal with "<**"; a deferral would be a 4xx there.
    assertThat(sent.output()).contains("<** 550 5.1.1").doesNotContain("<** 4");
    String log = postfix.awaitLog("reject: RCPT", DELIVERY_TIMEOUT);
    assertThat(log).contains(forged).contains("User unknown in virtual alias table");
    // smtpd's unlisted-recipient check folds the key to lower case; the hash check ignores case.
    assertThat(lookups)
        .anyMatch(
            lookup ->
                lookup.equalsIgnoreCase(
                    "reverse " + forged + " -> " + SocketmapReply.Status.NOTFOUND));
    assertThat(sink.messages())
        .noneMatch(message -> message.header("Subject").orElse("").equals(subject));
  }

  // Changes the first hash character to another one, keeping the address well-formed.
  private static String forgeHash(String srsAddress) {
    int hashStart = "SRS0=".length();
    char original = srsAddress.charAt(hashStart);
    char replacement = Character.toLowerCase(original) == 'a' ? 'b' : 'a';
    return srsAddress.substring(0, hashStart) + replacement + srsAddress.substring(hashStart + 1);
  }
}
