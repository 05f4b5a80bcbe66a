package org.postern.greylist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SMTP clients never greylisted: IP addresses, CIDR networks, host names (matching the name and
 * every name under it, like postgrey's domain entries) and {@code /regex/} entries matched against
 * the verified client name.
 */
public final class ClientWhitelist {
  private final List<Network> networks;
  private final List<String> domains;
  private final List<Pattern> patterns;

  private ClientWhitelist(List<Network> networks, List<String> domains, List<Pattern> patterns) {
    this.networks = List.copyOf(networks);
    this.domains = List.copyOf(domains);
    this.patterns = List.copyOf(patterns);
  }

  /** A whitelist matching nothing. */
  public static ClientWhitelist empty() {
    return new ClientWhitelist(List.of(), List.of(), List.of());
  }

  /**
   * Parses whitelist text; {@code source} names it in errors.
   *
   * @throws WhitelistSyntaxException at the first bad line
   */
  public static ClientWhitelist parse(String source, String text) {
    List<Network> networks = new ArrayList<>();
    List<String> domains = new ArrayList<>();
    List<Pattern> patterns = new ArrayList<>();
    for (WhitelistLines.Entry entry : WhitelistLines.entries(text)) {
      String value = entry.text();
      if (WhitelistLines.isRegex(value)) {
        patterns.add(WhitelistLines.regex(source, entry));
      } else if (IpAddresses.looksNumeric(value) || value.contains("/")) {
        networks.add(Network.parse(source, entry.line(), value));
      } else {
        domains.add(WhitelistLines.domain(source, entry.line(), value));
      }
    }
    return new ClientWhitelist(networks, domains, patterns);
  }

  /** Both lists' entries together. */
  public ClientWhitelist plus(ClientWhitelist other) {
    List<Network> allNetworks = new ArrayList<>(networks);
    allNetworks.addAll(other.networks);
    List<String> allDomains = new ArrayList<>(domains);
    allDomains.addAll(other.domains);
    List<Pattern> allPatterns = new ArrayList<>(patterns);
    allPatterns.addAll(other.patterns);
    return new ClientWhitelist(allNetworks, allDomains, allPatterns);
  }

  /** Whether the client with this address and verified name ({@code unknown} if none) matches. */
  public boolean matches(String clientAddress, String clientName) {
    Optional<byte[]> address = IpAddresses.parse(clientAddress);
    if (address.isPresent()) {
      for (Network network : networks) {
        if (network.contains(address.get())) {
          return true;
        }
      }
    }
    if (clientName == null || clientName.isEmpty() || clientName.equals("unknown")) {
      return false;
    }
    String name = clientName.toLowerCase(Locale.ROOT);
    for (String domain : domains) {
      if (WhitelistLines.inDomain(name, domain)) {
        return true;
      }
    }
    for (Pattern pattern : patterns) {
      if (pattern.matcher(name).find()) {
        return true;
      }
    }
    return false;
  }

  /** How many entries the list has, for the start-up log line. */
  public int size() {
    return networks.size() + domains.size() + patterns.size();
  }

  /** An address or CIDR network. */
  private record Network(byte[] address, int prefix) {
    static Network parse(String source, int line, String text) {
      int slash = text.indexOf('/');
      String addressText = slash < 0 ? text : text.substring(0, slash);
      byte[] address =
          IpAddresses.parse(addressText)
              .orElseThrow(
                  () ->
                      new WhitelistSyntaxException(
                          source, line, "'" + addressText + "' is not an IP address"));
      int bits = address.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        String prefixText = text.substring(slash + 1);
        if (!prefixText.matches("\\d{1,3}") || Integer.parseInt(prefixText) > bits) {
          throw new WhitelistSyntaxException(
              source, line, "prefix length '" + prefixText + "' must be 0 to " + bits);
        }
        prefix = Integer.parseInt(prefixText);
      }
      return new Network(IpAddresses.mask(address, prefix), prefix);
    }

    boolean contains(byte[] candidate) {
      return IpAddresses.samePrefix(candidate, address, prefix);
    }
  }
}
