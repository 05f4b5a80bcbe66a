package org.postern.socketmap;

import java.util.Objects;

/**
 * One socketmap lookup: {@code NAME KEY}, split at the first space; the key may contain spaces.
 *
 * @param mapName the map to look in, as named in Postfix's {@code socketmap:...:NAME}
 * @param key the lookup key
 */
public record SocketmapRequest(String mapName, String key) {
  /** Largest request payload in bytes that Postfix sends. */
  public static final int POSTFIX_MAX_LENGTH = 10_000;

  /** Checks the fields can be written back unambiguously. */
  public SocketmapRequest {
    Objects.requireNonNull(mapName, "mapName");
    Objects.requireNonNull(key, "key");
    if (mapName.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("map name contains a space: '" + mapName + "'");
    }
  }

  /** Parses a netstring payload. */
  public static SocketmapRequest parse(String payload) throws MalformedSocketmapMessageException {
    int space = payload.indexOf(' ');
    if (space < 0) {
      throw new MalformedSocketmapMessageException(
          "socketmap request has no space between name and key");
    }
    return new SocketmapRequest(payload.substring(0, space), payload.substring(space + 1));
  }

  /** The netstring payload, {@code NAME KEY}. */
  public String encode() {
    return mapName + ' ' + key;
  }
}
