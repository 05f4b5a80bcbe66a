package org.postern.sieve.message;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) in header values, so tests see what
 * the user sees. Undecodable words are left as they are.
 */
public final class EncodedWords {

  private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
  private static final Pattern BETWEEN_WORDS = Pattern.compile("[ \\t\\r\\n]*");

  private EncodedWords() {}

  /** The value with every encoded word decoded; whitespace between adjacent words removed. */
  public static String decode(String value) {
    if (value.indexOf("=?") < 0) {
      return value;
    }
    Matcher matcher = WORD.matcher(value);
    StringBuilder out = new StringBuilder();
    int last = 0;
    boolean previousWasWord = false;
    while (matcher.find()) {
      String gap = value.substring(last, matcher.start());
      String decoded = decodeWord(matcher.group(1), matcher.group(2), matcher.group(3));
      if (decoded == null) {
        out.append(gap).append(matcher.group());
        previousWasWord = false;
      } else {
        if (!(previousWasWord && BETWEEN_WORDS.matcher(gap).matches())) {
          out.append(gap);
        }
        out.append(decoded);
        previousWasWord = true;
      }
      last = matcher.end();
    }
    out.append(value, last, value.length());
    return out.toString();
  }

  private static String decodeWord(String charsetName, String encoding, String text) {
    Charset charset;
    try {
      int language = charsetName.indexOf('*');
      charset = Charset.forName(language >= 0 ? charsetName.substring(0, language) : charsetName);
    } catch (IllegalArgumentException e) {
      return null;
    }
    byte[] bytes;
    if (encoding.equalsIgnoreCase("B")) {
      try {
        bytes = Base64.getMimeDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        return null;
      }
    } else {
      bytes = quotedPrintable(text);
    }
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  private static byte[] quotedPrintable(String text) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c == '=' && i + 2 < text.length()) {
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          out.write(c);
        } else {
          out.write(high * 16 + low);
          i += 2;
        }
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }
}
