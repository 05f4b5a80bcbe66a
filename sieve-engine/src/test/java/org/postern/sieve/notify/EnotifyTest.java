package org.postern.sieve.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.postern.sieve.SieveCompileException;
import org.postern.sieve.SieveCompiler;
import org.postern.sieve.SieveLimits;
import org.postern.sieve.SieveProgram;
import org.postern.sieve.action.NotifyAction;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

class EnotifyTest {

  private static SieveResult run(String script) throws SieveCompileException {
    return SieveCompiler.create()
        .compile(script)
        .run(
            SieveMessage.parse("Subject: s\r\n\r\nbody\r\n"),
            new SieveEnvelope("a@example.org", "b@example.org"));
  }

  @Test
  void notifyIsReportedAsAnActionAndDuplicatesAreMerged() throws Exception {
    SieveResult result =
        run(
            "require \"enotify\"; notify :importance \"1\" :message \"hi\""
                + " \"mailto:x@example.org?subject=Hello%20there\";"
                + " notify :importance \"1\" :message \"hi\""
                + " \"mailto:x@example.org?subject=Hello%20there\";");
    assertThat(result.actions())
        .filteredOn(a -> a instanceof NotifyAction)
        .containsExactly(
            new NotifyAction(
                "mailto:x@example.org?subject=Hello%20there", null, "1", List.of(), "hi"));
    assertThat(result.implicitKeep()).isTrue();
  }

  private static String notifications(int count) {
    StringBuilder script = new StringBuilder("require \"enotify\";");
    for (int i = 1; i <= count; i++) {
      script.append(" notify \"mailto:user").append(i).append("@example.com\";");
    }
    return script.toString();
  }

  private static SieveCompiler limitedTo(AtomicInteger max) {
    return SieveCompiler.create(SieveLimits.defaults(), List.of(new EnotifyExtension(max::get)));
  }

  @Test
  void notifyActionsAreLimitedPerDelivery() throws Exception {
    SieveMessage message = SieveMessage.parse("Subject: s\r\n\r\nbody\r\n");
    SieveEnvelope envelope = new SieveEnvelope("a@example.org", "b@example.org");
    assertThat(run(notifications(EnotifyExtension.DEFAULT_MAX_NOTIFICATIONS)).failed()).isFalse();
    assertThat(run(notifications(EnotifyExtension.DEFAULT_MAX_NOTIFICATIONS + 1)).error())
        .get()
        .asString()
        .contains("number of notify actions exceeds policy limit (11 > 10)");
    AtomicInteger max = new AtomicInteger(5);
    SieveProgram five = limitedTo(max).compile(notifications(5));
    assertThat(five.run(message, envelope).failed()).isFalse();
    SieveResult six = limitedTo(max).compile(notifications(6)).run(message, envelope);
    assertThat(six.error()).get().asString().contains("(6 > 5)");
    assertThat(six.actions()).noneMatch(NotifyAction.class::isInstance);
    assertThat(six.implicitKeep()).isTrue();
  }

  @Test
  void aLimitOfZeroProhibitsNotifyAtCompileAndRunTime() throws Exception {
    AtomicInteger max = new AtomicInteger(5);
    SieveProgram compiledBefore = limitedTo(max).compile(notifications(1));
    max.set(0);
    assertThatThrownBy(() -> limitedTo(max).compile(notifications(1)))
        .isInstanceOf(SieveCompileException.class)
        .hasMessageContaining("local policy prohibits the use of a notify action");
    SieveResult result =
        compiledBefore.run(
            SieveMessage.parse("Subject: s\r\n\r\nbody\r\n"),
            new SieveEnvelope("a@example.org", "b@example.org"));
    assertThat(result.error())
        .get()
        .asString()
        .contains("local policy prohibits the use of a notify action");
  }

  @Test
  void invalidMethodsAreProblems() {
    assertThat(EnotifyExtension.uriProblem("mailto:a@example.org%2Cb@example.org?cc=c@x.org"))
        .isNull();
    assertThat(EnotifyExtension.uriProblem("mailto:a@example.org,b@example.org")).isNotNull();
    assertThat(EnotifyExtension.uriProblem("mailto:stephan%23example.org")).isNotNull();
    assertThat(EnotifyExtension.uriProblem("mailto:a@example.org?header:=x")).isNotNull();
    assertThat(EnotifyExtension.uriProblem("snailto:a@example.org")).contains("unsupported");
  }

  @Test
  void invalidConstantsAreCompileErrorsAndCapabilityTestsWork() throws Exception {
    assertThatThrownBy(
            () ->
                SieveCompiler.create()
                    .compile(
                        "require \"enotify\"; notify :from \"nobody\" :options \"=x\""
                            + " \"mailto:a@example.org?h=<\";"))
        .isInstanceOfSatisfying(
            SieveCompileException.class, e -> assertThat(e.diagnostics()).hasSize(3));
    SieveResult result =
        run(
            "require [\"enotify\", \"fileinto\", \"variables\"];"
                + " if allof(valid_notify_method \"mailto:a@example.org\","
                + " notify_method_capability \"mailto:a@example.org\" \"online\" \"maybe\")"
                + " { set :encodeurl \"e\" \"a b&c\"; fileinto \"ok${e}\"; }");
    assertThat(result.actions().get(0).toString()).contains("oka%20b%26c");
  }

  @Property(tries = 300)
  void garbageUrisGiveAProblemNotAnException(@ForAll String text) {
    String problem = EnotifyExtension.uriProblem("mailto:" + text);
    if (problem == null) {
      assertThatCode(() -> MailtoUri.parse("mailto:" + text)).doesNotThrowAnyException();
    }
  }
}
