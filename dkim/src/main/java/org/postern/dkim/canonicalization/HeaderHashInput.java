package org.postern.dkim.canonicalization;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postern.dkim.message.HeaderField;

/**
 * Builds the data a DKIM signature's header hash covers (RFC 6376 3.7, 5.4.2): the fields named in
 * {@code h=}, each name taking the next instance from the bottom of the header, a name with no
 * instance left contributing nothing; then the signature field itself with {@code b=} emptied and
 * no final CRLF.
 */
public final class HeaderHashInput {
  private HeaderHashInput() {}

  /** The canonical bytes to hash. */
  public static byte[] build(
      Canonicalization canonicalization,
      List<HeaderField> headers,
      List<String> signedNames,
      HeaderField signatureWithoutB) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    // Each field's lower-case name once, not once per signed name that scans past it.
    String[] keys = new String[headers.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = headers.get(i).key();
    }
    Map<String, Integer> nextFromBottom = new HashMap<>();
    for (String signedName : signedNames) {
      String key = signedName.strip().toLowerCase(Locale.ROOT);
      int index = nextFromBottom.getOrDefault(key, headers.size()) - 1;
      while (index >= 0 && !keys[index].equals(key)) {
        index--;
      }
      nextFromBottom.put(key, Math.max(index, 0));
      if (index >= 0) {
        write(out, canonicalization.header(headers.get(index)));
      } else {
        nextFromBottom.put(key, 0);
      }
    }
    write(out, canonicalization.headerWithoutLineEnd(signatureWithoutB));
    return out.toByteArray();
  }

  /**
   * The signature field with the value of its {@code b=} tag removed (RFC 6376 3.7): everything
   * between {@code b=} and the next {@code ;} or the end, whitespace included.
   */
  public static HeaderField withoutSignatureData(HeaderField signature) {
    String value = signature.value();
    StringBuilder out = new StringBuilder(value.length());
    int start = 0;
    while (start <= value.length()) {
      int end = value.indexOf(';', start);
      if (end < 0) {
        end = value.length();
      }
      String spec = value.substring(start, end);
      int equals = spec.indexOf('=');
      if (equals > 0 && spec.substring(0, equals).strip().equals("b")) {
        out.append(spec, 0, equals + 1);
      } else {
        out.append(spec);
      }
      if (end < value.length()) {
        out.append(';');
      }
      start = end + 1;
    }
    return new HeaderField(signature.name(), out.toString());
  }

  private static void write(ByteArrayOutputStream out, String octets) {
    out.writeBytes(octets.getBytes(StandardCharsets.ISO_8859_1));
  }
}
