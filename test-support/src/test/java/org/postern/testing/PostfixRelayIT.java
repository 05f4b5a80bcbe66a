package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Real Postfix, real swaks: a message for a remote domain is relayed to the capturing sink. */
class PostfixRelayIT {

  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  @Test
  void relaysAMessageFromSwaksToTheSink() {
    String subject = "relay test " + UUID.randomUUID();
    try (CapturingSmtpSink sink = CapturingSmtpSink.start();
        PrivatePostfix postfix =
            PrivatePostfix.builder().relayDomain("remote.test", sink.port()).start()) {

      SwaksResult sent =
          Swaks.builder()
              .port(postfix.smtpPort())
              .from("alice@example.test")
              .to("someone@remote.test")
              .header("Subject", subject)
              .body("relayed through a private Postfix")
              .run();

      assertThat(sent.succeeded()).as(sent.output()).isTrue();
      CapturedMessage message =
          sink.awaitMessage(m -> m.header("Subject").orElse("").equals(subject), DELIVERY_TIMEOUT);
      assertThat(message.recipients()).containsExactly("someone@remote.test");
      assertThat(message.envelopeSender()).isEqualTo("alice@example.test");
      assertThat(message.body()).contains("relayed through a private Postfix");
      assertThat(postfix.awaitLog("status=sent", DELIVERY_TIMEOUT))
          .contains("to=<someone@remote.test>");
    }
  }

  @Test
  void refusesToRelayForOtherDomains() {
    try (CapturingSmtpSink sink = CapturingSmtpSink.start();
        PrivatePostfix postfix =
            PrivatePostfix.builder()
                .relayDomain("remote.test", sink.port())
                .mainCf("mynetworks", "192.0.2.0/24")
                .start()) {

      SwaksResult sent =
          Swaks.builder().port(postfix.smtpPort()).to("someone@elsewhere.test").run();

      assertThat(sent.succeeded()).isFalse();
      assertThat(sent.output()).contains("554 5.7.1");
    }
  }

  @Test
  void twoInstancesRunSideBySide() {
    try (CapturingSmtpSink firstSink = CapturingSmtpSink.start();
        CapturingSmtpSink secondSink = CapturingSmtpSink.start();
        PrivatePostfix first =
            PrivatePostfix.builder().relayDomain("remote.test", firstSink.port()).start();
        PrivatePostfix second =
            PrivatePostfix.builder().relayDomain("remote.test", secondSink.port()).start()) {

      assertThat(first.smtpPort()).isNotEqualTo(second.smtpPort());
      assertThat(first.queueDirectory()).isNotEqualTo(second.queueDirectory());
      assertThat(Swaks.builder().port(first.smtpPort()).to("one@remote.test").run().succeeded())
          .isTrue();
      assertThat(Swaks.builder().port(second.smtpPort()).to("two@remote.test").run().succeeded())
          .isTrue();

      firstSink.awaitMessage(m -> m.recipients().contains("one@remote.test"), DELIVERY_TIMEOUT);
      secondSink.awaitMessage(m -> m.recipients().contains("two@remote.test"), DELIVERY_TIMEOUT);
      assertThat(firstSink.messages()).noneMatch(m -> m.recipients().contains("two@remote.test"));
      assertThat(secondSink.messages()).noneMatch(m -> m.recipients().contains("one@remote.test"));
    }
  }

  @Test
  void closeStopsPostfixAndRemovesItsDirectory() {
    PrivatePostfix postfix = PrivatePostfix.builder().start();
    postfix.close();

    assertThat(postfix.directory()).doesNotExist();
    assertThat(LinuxProcesses.ofPostfixInstance(postfix.directory(), postfix.configDirectory()))
        .isEmpty();
  }

  @Test
  void failedStartReportsPostfixsLogAndLeavesNothingBehind() throws IOException {
    try (ServerSocket occupied = new ServerSocket()) {
      occupied.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      String blockedService = "127.0.0.1:" + occupied.getLocalPort() + " inet n - n - - smtpd";

      Throwable failure =
          catchThrowable(() -> PrivatePostfix.builder().masterCfExtra(blockedService).start());
      assertThat(failure)
          .isInstanceOf(PostfixStartException.class)
          .hasMessageContaining("already in use")
          .hasMessageContaining(":" + occupied.getLocalPort());
      // The message names the instance's directory; only that one must be gone (other builds
      // on the machine may have instances of their own).
      Matcher directory =
          Pattern.compile("private Postfix in (\\S+): ").matcher(failure.getMessage());
      assertThat(directory.find()).isTrue();
      assertThat(Path.of(directory.group(1))).doesNotExist();
    }
  }
}
