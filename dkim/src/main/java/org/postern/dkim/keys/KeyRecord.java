package org.postern.dkim.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.postern.dkim.InvalidTagListException;
import org.postern.dkim.TagList;

/**
 * A DKIM public key record (RFC 6376 3.6.1) as published in {@code selector._domainkey.domain}.
 *
 * @param keyType {@code k=}, {@code rsa} when absent
 * @param key the public key, empty when the record revokes the selector ({@code p=} empty)
 * @param hashes {@code h=}: acceptable hash algorithms, empty meaning all
 * @param serviceTypes {@code s=}, {@code *} when absent
 * @param flags {@code t=} flags ({@code y} testing, {@code s} strict identity)
 */
public record KeyRecord(
    String keyType,
    Optional<PublicKey> key,
    List<String> hashes,
    List<String> serviceTypes,
    List<String> flags) {
  // A few selectors sign most mail and a record is immutable: parsing it (and decoding its key)
  // once serves every message; the lookup cache decides how long the text itself stays valid.
  private static final Cache<String, KeyRecord> PARSED =
      Caffeine.newBuilder().maximumSize(1_000).build();

  /**
   * Parses a record's text (its TXT strings already joined).
   *
   * @throws InvalidKeyRecordException when it is not a usable DKIM1 key record
   */
  public static KeyRecord parse(String text) throws InvalidKeyRecordException {
    KeyRecord cached = PARSED.getIfPresent(text);
    if (cached != null) {
      return cached;
    }
    KeyRecord record = parseUncached(text);
    PARSED.put(text, record);
    return record;
  }

  private static KeyRecord parseUncached(String text) throws InvalidKeyRecordException {
    TagList tags;
    try {
      tags = TagList.parse(text);
    } catch (InvalidTagListException e) {
      throw new InvalidKeyRecordException("key record syntax: " + e.getMessage());
    }
    Optional<String> version = tags.get("v");
    if (version.isPresent()) {
      if (!"v".equals(tags.asMap().keySet().iterator().next())) {
        throw new InvalidKeyRecordException("v= must be the first tag of the key record");
      }
      if (!version.get().equals("DKIM1")) {
        throw new InvalidKeyRecordException("unknown key record version v=" + version.get());
      }
    }
    String keyType = tags.get("k").orElse("rsa").toLowerCase(Locale.ROOT);
    String data =
        TagList.withoutWhitespace(
            tags.get("p")
                .orElseThrow(() -> new InvalidKeyRecordException("key record without p=")));
    Optional<PublicKey> key =
        data.isEmpty() ? Optional.empty() : Optional.of(PublicKeys.decode(keyType, data));
    return new KeyRecord(
        keyType,
        key,
        list(tags.get("h").orElse("")),
        tags.get("s").map(KeyRecord::list).orElse(List.of("*")),
        list(tags.get("t").orElse("")));
  }

  /** Whether {@code t=s}: the i= domain must equal d= exactly. */
  public boolean strictIdentity() {
    return flags.contains("s");
  }

  /** Whether {@code t=y}: the domain is testing DKIM. */
  public boolean testing() {
    return flags.contains("y");
  }

  /** Whether the record may be used for email ({@code s=} lists {@code *} or {@code email}). */
  public boolean allowsEmail() {
    return serviceTypes.contains("*") || serviceTypes.contains("email");
  }

  /** Whether {@code h=} allows the given hash ({@code sha256}, {@code sha1}). */
  public boolean allowsHash(String hash) {
    return hashes.isEmpty() || hashes.contains(hash);
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(":"))
        .map(part -> part.strip().toLowerCase(Locale.ROOT))
        .filter(part -> !part.isEmpty())
        .toList();
  }
}
