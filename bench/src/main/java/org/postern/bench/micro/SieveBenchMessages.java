package org.postern.bench.micro;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Generated test messages for the Sieve benchmarks: about 2 KiB each, about 20 header fields, a
 * List-Id chosen from a seeded random sequence so runs are repeatable.
 */
final class SieveBenchMessages {

  /** Size of the rotating message ring; a power of two. */
  static final int COUNT = 64;

  private SieveBenchMessages() {}

  /**
   * {@link #COUNT} raw messages; message {@code i} carries {@code List-Id: <listN.example.org>}
   * with N drawn below {@code listIdBound} (so values at or over the rule count match no rule).
   */
  static byte[][] generate(int listIdBound, long seed) {
    Random random = new Random(seed);
    byte[][] messages = new byte[COUNT][];
    for (int i = 0; i < COUNT; i++) {
      messages[i] =
          message(i, random.nextInt(listIdBound), random).getBytes(StandardCharsets.UTF_8);
    }
    return messages;
  }

  private static String message(int index, int list, Random random) {
    StringBuilder text = new StringBuilder(2200);
    text.append("Return-Path: <list").append(list).append("-bounces@example.org>\r\n");
    for (int hop = 0; hop < 4; hop++) {
      text.append("Received: from mx")
          .append(hop)
          .append(".example.net (mx")
          .append(hop)
          .append(".example.net [192.0.2.")
          .append(10 + hop)
          .append("])\r\n\tby mail.example.com (Postfix) with ESMTPS id 4Z")
          .append(Integer.toHexString(random.nextInt()))
          .append("\r\n\tfor <bob@example.com>; Wed, 25 Nov 2026 10:00:0")
          .append(hop)
          .append(" +0000\r\n");
    }
    text.append("DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=sel; h=from:to:subject;\r\n")
        .append("\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=dGVzdA==\r\n");
    text.append("Authentication-Results: mail.example.com; dkim=pass header.d=example.org\r\n");
    text.append("From: Sender ")
        .append(index)
        .append(" <user")
        .append(index)
        .append("@example.org>\r\n");
    text.append("To: Bob <bob@example.com>\r\n");
    if (index % 3 == 0) {
      text.append("Cc: carol@example.net, =?UTF-8?Q?Ren=C3=A9?= <rene@example.fr>\r\n");
    }
    text.append("Subject: ")
        .append(index % 4 == 0 ? "=?UTF-8?Q?R=C3=A9union?= " : "[list" + list + "] ")
        .append("topic number ")
        .append(index)
        .append("\r\n");
    text.append("Date: Wed, 25 Nov 2026 10:00:00 +0000\r\n");
    text.append("Message-ID: <").append(index).append(".").append(list).append("@example.org>\r\n");
    text.append("MIME-Version: 1.0\r\n");
    text.append("Content-Type: text/plain; charset=UTF-8\r\n");
    text.append("Content-Transfer-Encoding: 8bit\r\n");
    text.append("List-Id: List number ")
        .append(list)
        .append(" <list")
        .append(list)
        .append(".example.org>\r\n");
    text.append("List-Unsubscribe: <mailto:list").append(list).append("-leave@example.org>\r\n");
    text.append("List-Post: <mailto:list").append(list).append("@example.org>\r\n");
    text.append("Precedence: list\r\n");
    text.append("X-Spam-Score: ").append(random.nextInt(10)).append("\r\n");
    text.append("X-Mailer: Bench 1.0\r\n");
    text.append("\r\n");
    while (text.length() < 2048) {
      text.append(
          "Body line of the benchmark message, ordinary prose without anything special.\r\n");
    }
    if (index % 8 == 0) {
      text.append("To unsubscribe, visit the list page.\r\n");
    }
    return text.toString();
  }
}
