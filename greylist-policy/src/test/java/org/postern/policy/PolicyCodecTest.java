package org.postern.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.postern.common.server.InFlightRequests;

class PolicyCodecTest {

  static final String POSTFIX_REQUEST =
      "request=smtpd_access_policy\n"
          + "protocol_state=RCPT\n"
          + "protocol_name=ESMTP\n"
          + "client_address=192.0.2.10\n"
          + "client_name=mail.example.org\n"
          + "reverse_client_name=mail.example.org\n"
          + "helo_name=mail.example.org\n"
          + "sender=Alice@Example.org\n"
          + "recipient=bob@example.net\n"
          + "recipient_count=0\n"
          + "queue_id=\n"
          + "instance=123.456.7\n"
          + "size=1024\n"
          + "sasl_method=\n"
          + "sasl_username=\n"
          + "ccert_subject=\n"
          + "future_attribute=whatever=with equals\n"
          + "\n";

  static EmbeddedChannel channel(PolicyHandler handler, PolicyLimits limits) {
    return new EmbeddedChannel(new PolicyChannelInitializer(handler, limits));
  }

  static ByteBuf bytes(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
  }

  static String written(EmbeddedChannel channel) {
    StringBuilder out = new StringBuilder();
    ByteBuf buffer;
    while ((buffer = channel.readOutbound()) != null) {
      out.append(buffer.toString(StandardCharsets.UTF_8));
      buffer.release();
    }
    return out.toString();
  }

  @Test
  void decodesAPostfixRequestIntoTypedAttributes() {
    CompletableFuture<PolicyRequest> seen = new CompletableFuture<>();
    EmbeddedChannel channel =
        channel(
            request -> {
              seen.complete(request);
              return CompletableFuture.completedFuture(PolicyAction.dunno());
            },
            PolicyLimits.defaults());

    channel.writeInbound(bytes(POSTFIX_REQUEST));

    PolicyRequest request = seen.join();
    assertThat(request.protocolState()).isEqualTo("RCPT");
    assertThat(request.clientAddress()).isEqualTo("192.0.2.10");
    assertThat(request.clientName()).isEqualTo("mail.example.org");
    assertThat(request.sender()).isEqualTo("Alice@Example.org");
    assertThat(request.recipient()).isEqualTo("bob@example.net");
    assertThat(request.instance()).isEqualTo("123.456.7");
    assertThat(request.size()).isEqualTo("1024");
    assertThat(request.queueId()).isEmpty();
    assertThat(request.saslUsername()).isEmpty();
    assertThat(request.attribute("future_attribute")).isEqualTo("whatever=with equals");
    assertThat(written(channel)).isEqualTo("action=DUNNO\n\n");
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void answersDecisionsSharedAsCompletedStages() {
    // Handlers share one completed answer; CompletableFuture.completedStage refuses isDone().
    CompletionStage<PolicyAction> shared = CompletableFuture.completedStage(PolicyAction.dunno());
    EmbeddedChannel channel = channel(request -> shared, PolicyLimits.defaults());

    channel.writeInbound(bytes(POSTFIX_REQUEST + POSTFIX_REQUEST));
    channel.runPendingTasks();

    assertThat(written(channel)).isEqualTo("action=DUNNO\n\naction=DUNNO\n\n");
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void answersSeveralRequestsOnOnePersistentConnectionInOrder() {
    CompletableFuture<PolicyAction> first = new CompletableFuture<>();
    CompletableFuture<PolicyAction> second = new CompletableFuture<>();
    var pending = new java.util.ArrayDeque<>(java.util.List.of(first, second));
    EmbeddedChannel channel = channel(request -> pending.removeFirst(), PolicyLimits.defaults());

    channel.writeInbound(bytes(POSTFIX_REQUEST + POSTFIX_REQUEST));
    second.complete(PolicyAction.reject("5.7.1 no"));
    channel.runPendingTasks();
    assertThat(written(channel)).isEmpty();
    first.complete(PolicyAction.deferIfPermit("4.7.1 later"));
    channel.runPendingTasks();

    assertThat(written(channel))
        .isEqualTo("action=DEFER_IF_PERMIT 4.7.1 later\n\naction=REJECT 5.7.1 no\n\n");
  }

  @Test
  void aFailedDecisionClosesWithoutAnswer() {
    EmbeddedChannel channel =
        channel(
            request -> CompletableFuture.failedFuture(new IllegalStateException("boom")),
            PolicyLimits.defaults());

    channel.writeInbound(bytes(POSTFIX_REQUEST));
    channel.runPendingTasks();

    assertThat(written(channel)).isEmpty();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aFailedDecisionAnswersTheRequestsBeforeItThenClosesUnanswered() {
    CompletableFuture<PolicyAction> first = new CompletableFuture<>();
    CompletableFuture<PolicyAction> second = new CompletableFuture<>();
    var pending = new java.util.ArrayDeque<>(java.util.List.of(first, second));
    EmbeddedChannel channel =
        channel(
            request ->
                pending.isEmpty()
                    ? CompletableFuture.completedFuture(PolicyAction.dunno())
                    : pending.removeFirst(),
            PolicyLimits.defaults());

    channel.writeInbound(bytes(POSTFIX_REQUEST + POSTFIX_REQUEST + POSTFIX_REQUEST));
    second.completeExceptionally(new IllegalStateException("store down"));
    channel.runPendingTasks();
    assertThat(written(channel)).isEmpty();
    first.complete(PolicyAction.reject("5.7.1 no"));
    channel.runPendingTasks();

    assertThat(written(channel)).isEqualTo("action=REJECT 5.7.1 no\n\n");
    assertThat(channel.isOpen()).isFalse();
    assertThat(InFlightRequests.count(channel)).isZero();
  }

  @Test
  void aRequestWithoutTheRequestTypeClosesTheConnection() {
    EmbeddedChannel channel =
        channel(
            request -> CompletableFuture.completedFuture(PolicyAction.dunno()),
            PolicyLimits.defaults());

    channel.writeInbound(bytes("protocol_state=RCPT\n\n"));

    assertThat(written(channel)).isEmpty();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aLineOverTheLimitClosesTheConnection() {
    assertClosedWithoutReply(new PolicyLimits(20, 10, 1000), "request=smtpd_access_policy_x\n\n");
  }

  @Test
  void tooManyAttributesCloseTheConnection() {
    assertClosedWithoutReply(
        new PolicyLimits(100, 3, 1000), "request=smtpd_access_policy\na=1\nb=2\nc=3\n\n");
  }

  @Test
  void aRequestOverTheSizeLimitClosesTheConnection() {
    assertClosedWithoutReply(
        new PolicyLimits(100, 100, 60),
        "request=smtpd_access_policy\n" + "a=123456789\n".repeat(4));
  }

  @Test
  void requestsWithinTheLimitsAreAnswered() {
    EmbeddedChannel channel =
        channel(
            request -> CompletableFuture.completedFuture(PolicyAction.dunno()),
            new PolicyLimits(27, 3, 60));
    channel.writeInbound(bytes("request=smtpd_access_policy\na=1\nb=2\n\n"));
    assertThat(written(channel)).isEqualTo("action=DUNNO\n\n");
  }

  private static void assertClosedWithoutReply(PolicyLimits limits, String input) {
    EmbeddedChannel channel =
        channel(request -> CompletableFuture.completedFuture(PolicyAction.dunno()), limits);
    channel.writeInbound(bytes(input));
    assertThat(written(channel)).isEmpty();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void malformedLinesAreTypedErrors() {
    assertThatThrownBy(() -> new PolicyRequest(Map.of("request", "other")))
        .isInstanceOf(MalformedPolicyRequestException.class)
        .hasMessageContaining("request=other");
    EmbeddedChannel channel =
        new EmbeddedChannel(new PolicyRequestDecoder(PolicyLimits.defaults()));
    assertThatThrownBy(
            () -> channel.writeInbound(bytes("request=smtpd_access_policy\nnoequals\n\n")))
        .hasCauseInstanceOf(MalformedPolicyRequestException.class)
        .hasMessageContaining("line 2 has no '='");
  }

  @Test
  void actionsEncodeOneLineAndAnEmptyLine() {
    assertThat(
            new String(
                PolicyAction.prepend("X-Greylist: delayed 5 seconds").encode(),
                StandardCharsets.UTF_8))
        .isEqualTo("action=PREPEND X-Greylist: delayed 5 seconds\n\n");
    assertThat(PolicyAction.defer("4.3.0 try later").action()).isEqualTo("DEFER 4.3.0 try later");
    assertThat(PolicyAction.ok().action()).isEqualTo("OK");
    assertThat(PolicyAction.raw("HOLD").action()).isEqualTo("HOLD");
    assertThatThrownBy(() -> PolicyAction.reject("two\nlines"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encodeWritesAttributesInOrder() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("request", "smtpd_access_policy");
    attributes.put("sender", "a@b");
    assertThat(new String(new PolicyRequest(attributes).encode(), StandardCharsets.UTF_8))
        .isEqualTo("request=smtpd_access_policy\nsender=a@b\n\n");
  }
}
