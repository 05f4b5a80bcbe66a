package org.postern.greylist;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.postern.policy.PolicyRequest;

/**
 * Turns a policy request into a {@link Triplet} the way postgrey does, so that retries from a
 * neighbouring address, VERP bounce addresses and BATV signatures still match the first attempt.
 */
public final class TripletNormaliser {
  // BATV (draft-levine-smtp-batv): prvs=KDDDSSSSSS=user with key digit, day and hash.
  private static final Pattern BATV_PRVS = Pattern.compile("^prvs=\\d{4}[0-9a-f]{6}=");
  // postgrey: $user =~ s/\b\d+\b/#/g, whole digit words only.
  private static final Pattern DIGIT_RUN = Pattern.compile("\\b\\d+\\b");

  private final int ipv4Prefix;
  private final int ipv6Prefix;

  /** Groups clients into networks of {@code ipv4Prefix} and {@code ipv6Prefix} bits. */
  public TripletNormaliser(int ipv4Prefix, int ipv6Prefix) {
    if (ipv4Prefix < 0 || ipv4Prefix > 32) {
      throw new IllegalArgumentException("IPv4 prefix must be 0 to 32, not " + ipv4Prefix);
    }
    if (ipv6Prefix < 0 || ipv6Prefix > 128) {
      throw new IllegalArgumentException("IPv6 prefix must be 0 to 128, not " + ipv6Prefix);
    }
    this.ipv4Prefix = ipv4Prefix;
    this.ipv6Prefix = ipv6Prefix;
  }

  /** The triplet of a request. */
  public Triplet triplet(PolicyRequest request) {
    return new Triplet(
        clientNetwork(request.clientAddress()),
        sender(request.sender()),
        recipient(request.recipient()));
  }

  /** The client's network in CIDR notation; a non-IP address is kept as it is, lower-cased. */
  public String clientNetwork(String clientAddress) {
    Optional<byte[]> address = IpAddresses.parse(clientAddress);
    if (address.isEmpty()) {
      return clientAddress.toLowerCase(Locale.ROOT);
    }
    byte[] bytes = address.get();
    int prefix = bytes.length == 4 ? ipv4Prefix : ipv6Prefix;
    return IpAddresses.format(IpAddresses.mask(bytes, prefix)) + "/" + prefix;
  }

  /**
   * The sender lower-cased, without a BATV {@code prvs=} signature or {@code +extension}, with
   * whole digit runs of the local part replaced by {@code #}.
   */
  public static String sender(String sender) {
    String address = sender.toLowerCase(Locale.ROOT);
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return address;
    }
    String user = address.substring(0, at);
    String domain = address.substring(at + 1);
    // The regular expressions only where they can match: this runs for every request.
    if (user.startsWith("prvs=")) {
      user = BATV_PRVS.matcher(user).replaceFirst("");
    }
    int plus = user.indexOf('+');
    if (plus >= 0) {
      user = user.substring(0, plus);
    }
    if (containsDigit(user)) {
      user = DIGIT_RUN.matcher(user).replaceAll("#");
    }
    return user + "@" + domain;
  }

  private static boolean containsDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The recipient lower-cased. */
  public static String recipient(String recipient) {
    return recipient.toLowerCase(Locale.ROOT);
  }
}
