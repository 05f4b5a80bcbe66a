package org.postern.screen.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InFlightLimitedResolverTest {
  private final Map<String, CompletableFuture<DnsAnswer>> sent = new LinkedHashMap<>();
  private final AtomicLong now = new AtomicLong();
  private final InFlightLimitedResolver resolver =
      new InFlightLimitedResolver(
          name -> {
            CompletableFuture<DnsAnswer> answer = new CompletableFuture<>();
            sent.put(name, answer);
            return answer;
          },
          2,
          3,
          Duration.ofSeconds(1),
          now::get);

  private static final DnsAnswer NOT_LISTED = DnsAnswer.notListed(Duration.ofMinutes(1));

  @Test
  void sendsAtMostTheLimitAndTheRestAsAnswersArrive() {
    List<CompletableFuture<DnsAnswer>> answers = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      answers.add(resolver.lookup(name));
    }
    assertThat(sent).containsOnlyKeys("a", "b");
    assertThat(resolver.inFlight()).isEqualTo(2);

    sent.get("a").complete(NOT_LISTED);
    assertThat(sent).containsOnlyKeys("a", "b", "c");
    sent.get("b").completeExceptionally(new DnsLookupException("b: SERVFAIL"));
    assertThat(sent).containsOnlyKeys("a", "b", "c", "d");
    sent.get("c").complete(NOT_LISTED);
    sent.get("d").complete(NOT_LISTED);

    assertThat(answers.get(0)).isCompletedWithValue(NOT_LISTED);
    assertThat(answers.get(1)).isCompletedExceptionally();
    assertThat(answers.get(2)).isCompletedWithValue(NOT_LISTED);
    assertThat(answers.get(3)).isCompletedWithValue(NOT_LISTED);
    assertThat(resolver.inFlight()).isZero();
  }

  @Test
  void aLookupThatWaitedPastTheTimeoutFailsUnsent() {
    resolver.lookup("a");
    resolver.lookup("b");
    CompletableFuture<DnsAnswer> late = resolver.lookup("c");
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    sent.get("a").complete(NOT_LISTED);
    assertThat(sent).doesNotContainKey("c");
    assertThat(late).isCompletedExceptionally();
    assertThat(causeOf(late)).isInstanceOf(DnsTimeoutException.class);
    assertThat(resolver.inFlight()).isEqualTo(1);
  }

  @Test
  void aFullQueueFailsAtOnce() {
    for (String name : List.of("a", "b", "c", "d", "e")) {
      resolver.lookup(name);
    }
    CompletableFuture<DnsAnswer> refused = resolver.lookup("f");
    assertThat(causeOf(refused)).isInstanceOf(DnsTimeoutException.class);
    assertThat(sent).containsOnlyKeys("a", "b");
  }

  private static Throwable causeOf(CompletableFuture<DnsAnswer> answer) {
    try {
      answer.join();
      throw new AssertionError("expected a failure");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }
}
