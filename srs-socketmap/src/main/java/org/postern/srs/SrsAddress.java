package org.postern.srs;

/**
 * A parsed SRS address. SRS0 wraps an original sender; SRS1 wraps an SRS0 address made by another
 * forwarder (the first hop), keeping that hop's hash and adding one of ours.
 */
public sealed interface SrsAddress permits SrsAddress.Srs0, SrsAddress.Srs1 {
  /** The separator between fields after the first one. */
  char SEPARATOR = '=';

  /** The separators accepted right after the {@code SRS0}/{@code SRS1} tag. */
  String TAG_SEPARATORS = "=+-";

  /** The domain this address belongs to (the forwarder's SRS domain). */
  String srsDomain();

  /** The address in its wire form, {@code local@srs-domain}. */
  String format();

  /**
   * {@code SRS0=HHHH=TT=orig-domain=orig-local@srs-domain}.
   *
   * @param tagSeparator the separator after {@code SRS0}: {@code =}, {@code +} or {@code -}
   * @param hash the hash as written (any case)
   * @param timestamp the timestamp as written (not yet validated)
   * @param originalDomain the original sender's domain
   * @param originalLocal the original sender's local part; may contain {@code =} and {@code @}
   * @param srsDomain the domain of the forwarder that made this address
   */
  record Srs0(
      char tagSeparator,
      String hash,
      String timestamp,
      String originalDomain,
      String originalLocal,
      String srsDomain)
      implements SrsAddress {
    @Override
    public String format() {
      return "SRS0"
          + tagSeparator
          + hash
          + SEPARATOR
          + timestamp
          + SEPARATOR
          + originalDomain
          + SEPARATOR
          + originalLocal
          + '@'
          + srsDomain;
    }
  }

  /**
   * {@code SRS1=HHHH=first-hop-domain=REST@srs-domain}, where {@code REST} is the first hop's SRS0
   * local part without its {@code SRS0} tag (so it starts with that address's separator, giving the
   * familiar {@code ==}).
   *
   * @param tagSeparator the separator after {@code SRS1}
   * @param hash our hash over the first-hop domain and {@code REST}
   * @param firstHopDomain the domain of the forwarder that made the SRS0 address
   * @param firstHopRest the first hop's SRS0 local part after {@code SRS0}
   * @param srsDomain the domain of the forwarder that made this address
   */
  record Srs1(
      char tagSeparator, String hash, String firstHopDomain, String firstHopRest, String srsDomain)
      implements SrsAddress {
    @Override
    public String format() {
      return "SRS1"
          + tagSeparator
          + hash
          + SEPARATOR
          + firstHopDomain
          + SEPARATOR
          + firstHopRest
          + '@'
          + srsDomain;
    }

    /** The SRS0 address at the first hop that this address stands for. */
    public String firstHopAddress() {
      return "SRS0" + firstHopRest + '@' + firstHopDomain;
    }
  }

  /** Whether {@code localPart} starts with {@code tag} (any case) and an accepted separator. */
  static boolean hasTag(String localPart, String tag) {
    return localPart.length() > tag.length()
        && localPart.regionMatches(true, 0, tag, 0, tag.length())
        && TAG_SEPARATORS.indexOf(localPart.charAt(tag.length())) >= 0;
  }

  /** Whether {@code localPart} is tagged as SRS0 or SRS1, whatever follows. */
  static boolean isTagged(String localPart) {
    return hasTag(localPart, "SRS0") || hasTag(localPart, "SRS1");
  }

  /**
   * Parses the local part and domain of an SRS address, splitting on the first separators only so
   * that the original local part may itself contain {@code =}.
   */
  static SrsAddress parse(String localPart, String domain) throws InvalidSrsAddressException {
    if (hasTag(localPart, "SRS0")) {
      char tagSeparator = localPart.charAt(4);
      String[] fields = splitFirst(localPart.substring(5), 4, "SRS0");
      return new Srs0(tagSeparator, fields[0], fields[1], fields[2], fields[3], domain);
    }
    if (hasTag(localPart, "SRS1")) {
      char tagSeparator = localPart.charAt(4);
      String[] fields = splitFirst(localPart.substring(5), 3, "SRS1");
      return new Srs1(tagSeparator, fields[0], fields[1], fields[2], domain);
    }
    throw new InvalidSrsAddressException(
        "not an SRS address (no SRS0/SRS1 tag and separator): '" + localPart + "'");
  }

  /** Parses a whole {@code local@domain} SRS address, splitting at the last {@code @}. */
  static SrsAddress parse(String address) throws InvalidSrsAddressException {
    int at = address.lastIndexOf('@');
    if (at < 0) {
      throw new InvalidSrsAddressException("no '@' in '" + address + "'");
    }
    return parse(address.substring(0, at), address.substring(at + 1));
  }

  // Splits into exactly `count` non-empty fields; the last one keeps any further separators.
  private static String[] splitFirst(String text, int count, String tag)
      throws InvalidSrsAddressException {
    String[] fields = new String[count];
    int start = 0;
    for (int i = 0; i < count - 1; i++) {
      int end = text.indexOf(SEPARATOR, start);
      if (end < 0) {
        throw new InvalidSrsAddressException(
            tag + " address needs " + count + " fields after the tag: '" + text + "'");
      }
      fields[i] = text.substring(start, end);
      start = end + 1;
    }
    fields[count - 1] = text.substring(start);
    for (String field : fields) {
      if (field.isEmpty()) {
        throw new InvalidSrsAddressException(tag + " address has an empty field: '" + text + "'");
      }
    }
    return fields;
  }
}
