package org.postern.greylist;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where greylist state is kept: {@code file:PATH} (MVStore) or {@code redis://HOST:PORT}. */
public sealed interface StoreLocation {

  /** An MVStore file; a relative path is resolved against the data directory. */
  record File(Path path) implements StoreLocation {}

  /** A Redis server shared by several hosts. */
  record Redis(String uri) implements StoreLocation {}

  /**
   * Parses {@code file:PATH} or {@code redis://HOST:PORT}.
   *
   * @throws IllegalArgumentException naming the expected forms
   */
  static StoreLocation parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("store is empty; expected file:PATH or redis://HOST:PORT");
    }
    if (text.startsWith("file:") && text.length() > "file:".length()) {
      return new File(Path.of(text.substring("file:".length())));
    }
    if (text.startsWith("redis://")) {
      try {
        URI uri = new URI(text);
        if (uri.getHost() == null || uri.getPort() <= 0) {
          throw new IllegalArgumentException("store '" + text + "' needs redis://HOST:PORT");
        }
        return new Redis(text);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("store '" + text + "' is not a valid URI", e);
      }
    }
    throw new IllegalArgumentException(
        "store '" + text + "' must be file:PATH or redis://HOST:PORT");
  }
}
