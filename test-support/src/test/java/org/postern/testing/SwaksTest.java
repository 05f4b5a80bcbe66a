package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SwaksTest {

  @Test
  void buildsTheCommandLine() {
    Swaks swaks =
        Swaks.builder()
            .port(2525)
            .from("alice@example.test")
            .to("bob@remote.test", "carol@remote.test")
            .header("Subject", "hello there")
            .body("text")
            .timeout(Duration.ofSeconds(5))
            .arguments("--quit-after", "RCPT");

    assertThat(swaks.arguments())
        .containsSubsequence("--server", "127.0.0.1", "--port", "2525")
        .containsSubsequence("--from", "alice@example.test")
        .containsSubsequence("--to", "bob@remote.test,carol@remote.test")
        .containsSubsequence("--header", "Subject: hello there")
        .containsSubsequence("--body", "text")
        .containsSubsequence("--timeout", "5s")
        .endsWith("--quit-after", "RCPT");
  }

  @Test
  void refusesToRunWithoutRecipients() {
    assertThatThrownBy(() -> Swaks.builder().port(2525).arguments())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("recipient");
  }
}
