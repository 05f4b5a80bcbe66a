package org.postern.milter.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * 'y': reject or tempfail with an SMTP reply of one or more lines. The wire text is {@code
 * 550-5.7.1 line1\r\n550 5.7.1 line2} with each {@code %} doubled, since Sendmail reads it as a
 * format string and Postfix undoes the doubling.
 */
public record ReplyCode(int smtpCode, String enhancedStatus, List<String> lines)
    implements Verdict {
  /** Code 'y'. */
  public static final char CODE = 'y';

  /** libmilter's limit on the number of lines. */
  public static final int MAX_LINES = 32;

  /** libmilter's limit on the length of one line's text. */
  public static final int MAX_LINE_LENGTH = 980;

  private static final Pattern ENHANCED_STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");
  private static final Pattern WIRE_LINE =
      Pattern.compile("([45]\\d\\d)([ -])([245]\\.\\d{1,3}\\.\\d{1,3})(?: (.*))?", Pattern.DOTALL);

  /** Checks the reply code, that the status class matches it, and the lines. */
  public ReplyCode {
    if (smtpCode < 400 || smtpCode > 599) {
      throw new IllegalArgumentException("reply code must be 4xx or 5xx: " + smtpCode);
    }
    if (enhancedStatus == null || !ENHANCED_STATUS.matcher(enhancedStatus).matches()) {
      throw new IllegalArgumentException("enhanced status must be like 5.7.1: " + enhancedStatus);
    }
    if (enhancedStatus.charAt(0) - '0' != smtpCode / 100) {
      throw new IllegalArgumentException(
          "enhanced status " + enhancedStatus + " does not match reply code " + smtpCode);
    }
    lines = List.copyOf(lines);
    if (lines.isEmpty() || lines.size() > MAX_LINES) {
      throw new IllegalArgumentException("a reply needs 1 to " + MAX_LINES + " lines");
    }
    for (String line : lines) {
      if (line.length() > MAX_LINE_LENGTH) {
        throw new IllegalArgumentException("reply line longer than " + MAX_LINE_LENGTH);
      }
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\r' || c == '\n' || c == 0 || c > 0xFF) {
          throw new IllegalArgumentException("reply lines must be octets without CR, LF or NUL");
        }
      }
    }
  }

  /** A reply with {@code lines} of text under one SMTP code and enhanced status. */
  public static ReplyCode of(int smtpCode, String enhancedStatus, String... lines) {
    return new ReplyCode(smtpCode, enhancedStatus, List.of(lines));
  }

  @Override
  public char code() {
    return CODE;
  }

  /** The text as sent on the wire, without the terminating NUL. */
  public String wireText() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        text.append("\r\n");
      }
      text.append(smtpCode).append(i == lines.size() - 1 ? ' ' : '-').append(enhancedStatus);
      String line = lines.get(i);
      if (!line.isEmpty()) {
        text.append(' ').append(line.replace("%", "%%"));
      }
    }
    return text.toString();
  }

  /**
   * Parses wire text; {@code %%} becomes {@code %} and a lone {@code %} is dropped, as Postfix
   * does.
   *
   * @throws IllegalArgumentException when the text is not a well-formed multi-line reply
   */
  public static ReplyCode parseWireText(String text) {
    String[] wireLines = text.split("\r\n", -1);
    List<String> lines = new ArrayList<>(wireLines.length);
    int code = 0;
    String status = null;
    for (int i = 0; i < wireLines.length; i++) {
      var matcher = WIRE_LINE.matcher(wireLines[i]);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("malformed reply line: " + wireLines[i]);
      }
      int lineCode = Integer.parseInt(matcher.group(1));
      boolean last = i == wireLines.length - 1;
      if (matcher.group(2).equals(last ? "-" : " ")) {
        throw new IllegalArgumentException("wrong continuation marker in: " + wireLines[i]);
      }
      if (i == 0) {
        code = lineCode;
        status = matcher.group(3);
      } else if (lineCode != code || !matcher.group(3).equals(status)) {
        throw new IllegalArgumentException("reply lines differ in code or status");
      }
      String line = matcher.group(4) == null ? "" : matcher.group(4);
      lines.add(unescapePercent(line));
    }
    return new ReplyCode(code, status, lines);
  }

  private static String unescapePercent(String line) {
    StringBuilder out = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '%') {
        i++;
        if (i < line.length()) {
          out.append(line.charAt(i));
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
