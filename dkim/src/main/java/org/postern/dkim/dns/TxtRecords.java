package org.postern.dkim.dns;

import java.time.Duration;
import java.util.List;

/**
 * The TXT records found at a name, each one's character-strings joined without separators.
 *
 * @param texts the records (empty: no such name or no TXT record there)
 * @param ttl how long the answer may be cached
 */
public record TxtRecords(List<String> texts, Duration ttl) {

  /** Copies the list. */
  public TxtRecords {
    texts = List.copyOf(texts);
  }

  /** An answer with no records. */
  public static TxtRecords none(Duration ttl) {
    return new TxtRecords(List.of(), ttl);
  }
}
