package org.postern.sieve.mime;

import java.util.List;
import org.postern.sieve.message.Header;
import org.postern.sieve.message.HeaderFields;

/**
 * One MIME part (RFC 2045/2046): its header fields, content type, raw content (before transfer
 * decoding) and sub-parts: the parts of a multipart, or the one message of a message/rfc822 part.
 * For a multipart, {@code content} is its preamble and epilogue.
 */
public record MimePart(
    List<Header> headers, ContentType contentType, byte[] content, List<MimePart> children) {

  /** Copies the lists so the part stays immutable. */
  public MimePart {
    // A message's own field list is already unmodifiable and reads fields on demand.
    headers = headers instanceof HeaderFields ? headers : List.copyOf(headers);
    children = List.copyOf(children);
  }

  /** Whether this part is a multipart container. */
  public boolean isMultipart() {
    return contentType.type().equals("multipart");
  }

  /** Whether this part encapsulates a message. */
  public boolean isMessage() {
    return contentType.mediaType().equals("message/rfc822");
  }

  /** The first value of header {@code name} (case-insensitive), or {@code null}. */
  public String header(String name) {
    if (headers instanceof HeaderFields fields) {
      return fields.first(name);
    }
    for (Header header : headers) {
      if (header.name().equalsIgnoreCase(name)) {
        return header.value();
      }
    }
    return null;
  }

  /** The content after Content-Transfer-Encoding decoding; null for an unknown encoding. */
  public byte[] decodedContent() {
    return TransferEncoding.decode(header("Content-Transfer-Encoding"), content);
  }

  /** The decoded content as text in the part's charset (UTF-8 when unknown); "" if unreadable. */
  public String text() {
    byte[] decoded = decodedContent();
    return decoded == null
        ? ""
        : TransferEncoding.text(decoded, contentType.parameters().get("charset"));
  }
}
