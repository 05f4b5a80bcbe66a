package org.postern.dkim.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.postern.dkim.DkimAlgorithm;
import org.postern.dkim.canonicalization.BodyHasher;
import org.postern.dkim.canonicalization.HeaderHashInput;
import org.postern.dkim.crypto.RsaProvider;
import org.postern.dkim.keys.SigningKey;
import org.postern.dkim.message.HeaderField;

/**
 * Signs one message: feed the header fields, then the body in chunks, then {@link #finish()}. The
 * body is hashed as it streams; nothing but the header fields is kept.
 */
public final class SigningSession {
  private static final int FOLD_WIDTH = 76;

  private final DkimSigner signer;
  private final String identity;
  private final List<HeaderField> headers = new ArrayList<>();
  private final Map<String, BodyHasher> bodyHashers = new HashMap<>();
  private boolean headersDone;
  private boolean finished;

  SigningSession(DkimSigner signer, String identity) {
    this.signer = signer;
    this.identity = identity;
  }

  /** Adds the next header field, in message order. */
  public void header(HeaderField field) {
    if (headersDone) {
      throw new IllegalStateException("header after body");
    }
    headers.add(field);
  }

  /** Adds several header fields. */
  public void headers(List<HeaderField> fields) {
    fields.forEach(this::header);
  }

  /** Feeds raw body bytes (CRLF or bare LF line ends). */
  public void body(byte[] bytes, int offset, int length) {
    startBody();
    for (BodyHasher hasher : bodyHashers.values()) {
      hasher.update(bytes, offset, length);
    }
  }

  /** Feeds all of {@code bytes}. */
  public void body(byte[] bytes) {
    body(bytes, 0, bytes.length);
  }

  /**
   * Ends the message and returns one DKIM-Signature field per key, in key order; prepend them to
   * the message (each value starts with a space and folds with CRLF TAB).
   *
   * @throws SigningException when the JCA refuses a key
   */
  public List<HeaderField> finish() throws SigningException {
    if (finished) {
      throw new IllegalStateException("already finished");
    }
    finished = true;
    startBody();
    List<String> signedNames = signedNames();
    long now = signer.clock().instant().getEpochSecond();
    List<HeaderField> signatures = new ArrayList<>();
    for (SigningKey key : signer.keys()) {
      byte[] bodyHash = bodyHashers.get(key.algorithm().digestAlgorithm()).finish();
      String unsigned = unsignedValue(key, signedNames, now, bodyHash);
      HeaderField withoutData = new HeaderField(SignatureFields.NAME, unsigned);
      byte[] data =
          HeaderHashInput.build(signer.headerCanonicalization(), headers, signedNames, withoutData);
      byte[] signature = sign(signer.rsaProvider(), key, data);
      signatures.add(
          new HeaderField(
              SignatureFields.NAME,
              unsigned
                  + foldBase64(
                      Base64.getEncoder().encodeToString(signature), lastLineLength(unsigned))));
    }
    return signatures;
  }

  private void startBody() {
    if (headersDone) {
      return;
    }
    headersDone = true;
    for (SigningKey key : signer.keys()) {
      bodyHashers.computeIfAbsent(
          key.algorithm().digestAlgorithm(),
          digest -> new BodyHasher(signer.bodyCanonicalization(), digest, -1));
    }
  }

  /** h=: configured names present in the message, once per instance, plus one when oversigning. */
  private List<String> signedNames() {
    Map<String, Integer> counts = new HashMap<>();
    for (HeaderField field : headers) {
      counts.merge(field.key(), 1, Integer::sum);
    }
    List<String> names = new ArrayList<>();
    Set<String> unique = new LinkedHashSet<>(signer.headers());
    for (String name : unique) {
      int count = counts.getOrDefault(name, 0) + (signer.oversign() ? 1 : 0);
      for (int i = 0; i < count; i++) {
        names.add(name);
      }
    }
    return names;
  }

  private String unsignedValue(
      SigningKey key, List<String> signedNames, long now, byte[] bodyHash) {
    List<String> tags = new ArrayList<>();
    tags.add("v=1");
    tags.add("a=" + key.algorithm().tagValue());
    tags.add(
        "c="
            + signer.headerCanonicalization().tagValue()
            + "/"
            + signer.bodyCanonicalization().tagValue());
    tags.add("d=" + key.domain());
    tags.add("s=" + key.selector());
    if (identity != null) {
      tags.add("i=" + quotedPrintable(identity));
    }
    tags.add("t=" + now);
    signer.validity().ifPresent(validity -> tags.add("x=" + (now + validity.toSeconds())));
    tags.add("h=" + String.join(":", signedNames));
    tags.add("bh=" + Base64.getEncoder().encodeToString(bodyHash));
    tags.add("b=");
    return fold(tags);
  }

  /** dkim-quoted-printable (RFC 6376 2.11): bytes other than DKIM-safe-char become =XX. */
  static String quotedPrintable(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 0x21 && c <= 0x7e && c != ';' && c != '=') {
        out.append((char) c);
      } else {
        out.append('=').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  /** Joins tags with "; ", starting a new line (CRLF TAB) before a tag that would overflow. */
  private static String fold(List<String> tags) {
    StringBuilder value = new StringBuilder();
    int lineLength = SignatureFields.NAME.length() + 1;
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i) + (i < tags.size() - 1 ? ";" : "");
      List<String> pieces = tag.startsWith("h=") ? splitHeaderList(tag) : List.of(tag);
      for (int p = 0; p < pieces.size(); p++) {
        String piece = pieces.get(p);
        String separator = p == 0 ? " " : "";
        if (lineLength + separator.length() + piece.length() > FOLD_WIDTH && lineLength > 1) {
          value.append("\r\n\t");
          lineLength = 1;
          separator = "";
        }
        value.append(separator).append(piece);
        lineLength += separator.length() + piece.length();
      }
    }
    return value.toString();
  }

  /** "h=a:b:c;" → "h=a:", "b:", "c;" so long lists can fold after a colon. */
  private static List<String> splitHeaderList(String tag) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < tag.length(); i++) {
      if (tag.charAt(i) == ':') {
        pieces.add(tag.substring(start, i + 1));
        start = i + 1;
      }
    }
    pieces.add(tag.substring(start));
    return pieces;
  }

  private static String foldBase64(String data, int lineLength) {
    StringBuilder out = new StringBuilder();
    int position = 0;
    int room = Math.max(8, FOLD_WIDTH - lineLength);
    while (position < data.length()) {
      int end = Math.min(data.length(), position + room);
      if (position > 0) {
        out.append("\r\n\t");
      }
      out.append(data, position, end);
      position = end;
      room = FOLD_WIDTH - 1;
    }
    return out.toString();
  }

  private static int lastLineLength(String value) {
    int newline = value.lastIndexOf('\n');
    return newline < 0
        ? SignatureFields.NAME.length() + 1 + value.length()
        : value.length() - newline;
  }

  private static byte[] sign(RsaProvider provider, SigningKey key, byte[] data)
      throws SigningException {
    try {
      Signature signature;
      if (key.algorithm() == DkimAlgorithm.ED25519_SHA256) {
        signature = Signature.getInstance("Ed25519");
        signature.initSign(key.privateKey());
        signature.update(MessageDigest.getInstance("SHA-256").digest(data));
      } else {
        signature = provider.signature("SHA256withRSA");
        signature.initSign(key.privateKey());
        signature.update(data);
      }
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new SigningException("cannot sign with " + key + ": " + e.getMessage(), e);
    }
  }
}
