package org.postern.srs;

import java.nio.file.Path;
import java.util.List;
import org.postern.common.address.ListenAddress;
import org.postern.common.config.InvalidSettingException;

/**
 * The {@code srs} config section; keys are the kebab-case component names and the options of {@code
 * postern srs} are named after them.
 *
 * @param listen where the socketmap server listens (default {@code inet:127.0.0.1:10003})
 * @param srsDomain the domain SRS addresses are made in; no default, a standalone server needs it
 * @param secrets the secrets file, one secret per line, the first signs; mode 0600
 * @param hashLength hash characters written into new addresses (4 to 27, default 4)
 * @param hashMinimum fewest hash characters accepted in reverse (4 to hash-length, default 4)
 * @param maxAge days an SRS0 address stays reversible, a whole number of days as in postsrsd (1 to
 *     1023, default 21); days rather than a duration because timestamps only count days
 * @param hashEncoding {@code base64url} (default, as postsrsd 2 writes) or {@code base64}
 * @param separator the separator after the SRS0/SRS1 tag in new addresses: {@code =}, {@code +} or
 *     {@code -} (default {@code =})
 * @param domains sender domains never rewritten; {@code .example.com} means subdomains only
 * @param alwaysRewrite rewrite senders already in the SRS domain too (default false)
 * @param tcpTableForward where to serve the forward map over tcp_table, as postsrsd 1.x did (none
 *     by default; for sites still using {@code tcp:} maps)
 * @param tcpTableReverse where to serve the reverse map over tcp_table (none by default)
 */
public record SrsSettings(
    List<ListenAddress> listen,
    String srsDomain,
    Path secrets,
    int hashLength,
    int hashMinimum,
    int maxAge,
    HashEncoding hashEncoding,
    String separator,
    List<String> domains,
    boolean alwaysRewrite,
    List<ListenAddress> tcpTableForward,
    List<ListenAddress> tcpTableReverse) {

  /** The socketmap port of {@code postern stack} and the documented default. */
  public static final String DEFAULT_LISTEN = "inet:127.0.0.1:10003";

  /** Checks every key on its own so errors name the offending config line. */
  public SrsSettings {
    listen = listen == null ? List.of() : List.copyOf(listen);
    if (listen.isEmpty()) {
      throw new InvalidSettingException("listen", "at least one listen address is needed");
    }
    if (srsDomain != null) {
      srsDomain = srsDomain.strip();
      if (srsDomain.isEmpty()
          || srsDomain.contains("@")
          || srsDomain.indexOf(SrsAddress.SEPARATOR) >= 0
          || srsDomain.startsWith(".")
          || srsDomain.chars().anyMatch(Character::isWhitespace)) {
        throw new InvalidSettingException(
            "srs-domain", "not a domain: '" + srsDomain + "' (expected e.g. srs.example.com)");
      }
    }
    if (hashLength < 4 || hashLength > SrsHash.MAX_LENGTH) {
      throw new InvalidSettingException(
          "hash-length", "must be 4.." + SrsHash.MAX_LENGTH + ", got " + hashLength);
    }
    if (hashMinimum < 4 || hashMinimum > hashLength) {
      throw new InvalidSettingException(
          "hash-minimum", "must be 4..hash-length (" + hashLength + "), got " + hashMinimum);
    }
    if (maxAge < 1 || maxAge >= SrsTimestamp.SLOTS) {
      throw new InvalidSettingException(
          "max-age", "must be 1.." + (SrsTimestamp.SLOTS - 1) + " days, got " + maxAge);
    }
    if (hashEncoding == null) {
      throw new InvalidSettingException("hash-encoding", "must be base64url or base64");
    }
    if (separator == null
        || separator.length() != 1
        || SrsAddress.TAG_SEPARATORS.indexOf(separator.charAt(0)) < 0) {
      throw new InvalidSettingException(
          "separator",
          "must be one of the characters "
              + SrsAddress.TAG_SEPARATORS
              + ", got '"
              + separator
              + "'");
    }
    tcpTableForward = tcpTableForward == null ? List.of() : List.copyOf(tcpTableForward);
    tcpTableReverse = tcpTableReverse == null ? List.of() : List.copyOf(tcpTableReverse);
    domains = domains == null ? List.of() : List.copyOf(domains);
    try {
      LocalDomains.of(domains);
    } catch (SrsConfigException e) {
      throw new InvalidSettingException("domains", e.getMessage());
    }
  }

  /** postsrsd's defaults, listening on {@value #DEFAULT_LISTEN}, without domain or secrets. */
  public static SrsSettings defaults() {
    return new SrsSettings(
        List.of(ListenAddress.parse(DEFAULT_LISTEN)),
        null,
        null,
        4,
        4,
        21,
        HashEncoding.BASE64URL,
        "=",
        List.of(),
        false,
        List.of(),
        List.of());
  }

  /** These settings with another SRS domain (embedded defaults fill it in). */
  public SrsSettings withSrsDomain(String domain) {
    return new SrsSettings(
        listen,
        domain,
        secrets,
        hashLength,
        hashMinimum,
        maxAge,
        hashEncoding,
        separator,
        domains,
        alwaysRewrite,
        tcpTableForward,
        tcpTableReverse);
  }

  /** These settings with another secrets file (embedded defaults fill it in). */
  public SrsSettings withSecrets(Path file) {
    return new SrsSettings(
        listen,
        srsDomain,
        file,
        hashLength,
        hashMinimum,
        maxAge,
        hashEncoding,
        separator,
        domains,
        alwaysRewrite,
        tcpTableForward,
        tcpTableReverse);
  }
}
