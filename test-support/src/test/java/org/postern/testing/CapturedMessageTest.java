package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapturedMessageTest {

  private static CapturedMessage message(String text) {
    return new CapturedMessage(
        "a@example.test",
        List.of("b@remote.test"),
        "client",
        text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void unfoldsHeadersAndMatchesNamesCaseInsensitively() {
    CapturedMessage message =
        message("Subject: first part\r\n second part\r\nX-Tag: one\r\nx-tag: two\r\n\r\nBody\r\n");

    assertThat(message.header("subject")).contains("first part second part");
    assertThat(message.headers("X-TAG")).containsExactly("one", "two");
    assertThat(message.header("Missing")).isEmpty();
  }

  @Test
  void doesNotTakeBodyLinesForHeaders() {
    CapturedMessage message = message("From: a\r\n\r\nSubject: not a header\r\n");

    assertThat(message.header("Subject")).isEmpty();
    assertThat(message.body()).isEqualTo("Subject: not a header\r\n");
  }

  @Test
  void copiesItsInputs() {
    byte[] data = "Subject: x\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    List<String> recipients = new ArrayList<>(List.of("b@remote.test"));
    CapturedMessage message = new CapturedMessage("a@example.test", recipients, "h", data);

    data[0] = 'X';
    recipients.clear();
    message.data()[1] = 'Y';

    assertThat(message.text()).startsWith("Subject: x");
    assertThat(message.recipients()).containsExactly("b@remote.test");
  }
}
