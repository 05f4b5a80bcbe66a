package org.postern.dkim.keys;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/** The TXT record publishing a DKIM public key, split into DNS character-strings of ≤ 255 bytes. */
public final class DnsRecordText {
  /** Longest DNS character-string (RFC 1035 3.3). */
  public static final int MAX_STRING = 255;

  private DnsRecordText() {}

  /** The record value, e.g. {@code v=DKIM1; k=rsa; p=MIIB...}. */
  public static String value(PublicKey key) {
    return "v=DKIM1; k=" + PublicKeys.keyType(key) + "; p=" + PublicKeys.encode(key);
  }

  /** The value cut into strings of at most {@value #MAX_STRING} bytes. */
  public static List<String> strings(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    List<String> strings = new ArrayList<>();
    for (int start = 0; start < bytes.length; start += MAX_STRING) {
      int end = Math.min(bytes.length, start + MAX_STRING);
      strings.add(new String(bytes, start, end - start, StandardCharsets.US_ASCII));
    }
    return strings;
  }

  /** A zone-file line in opendkim-genkey's shape: {@code sel._domainkey IN TXT ( "..." "..." )}. */
  public static String zoneLine(String selector, String domain, PublicKey key) {
    StringBuilder line = new StringBuilder();
    line.append(selector).append("._domainkey.").append(domain).append(". IN TXT (");
    for (String string : strings(value(key))) {
      line.append(" \"").append(string).append('"');
    }
    return line.append(" )").toString();
  }
}
