package org.postern.dkim.milter;

import java.util.List;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.handler.MilterContext;

/**
 * Decides whether mail comes from our own users, whose mail is signed instead of verified: the SMTP
 * client authenticated (macro {@code {auth_authen}}) or connects from one of the given networks.
 */
public final class InternalClients {
  /** The macro Postfix sets at MAIL FROM to the SASL login name. */
  public static final String AUTHENTICATED_MACRO = "{auth_authen}";

  /** The networks trusted by default: the local host only. */
  public static final List<String> DEFAULT_NETWORKS = List.of("127.0.0.0/8", "::1");

  private final List<Network> networks;

  /** Trusts clients in {@code networks} and authenticated clients. */
  public InternalClients(List<Network> networks) {
    this.networks = List.copyOf(networks);
  }

  /** Parses each CIDR text of {@code networks}. */
  public static InternalClients of(List<String> networks) {
    return new InternalClients(networks.stream().map(Network::parse).toList());
  }

  /** Whether the current message of {@code context} comes from an internal client. */
  public boolean isInternal(MilterContext context) {
    if (context.macro(AUTHENTICATED_MACRO).filter(login -> !login.isEmpty()).isPresent()) {
      return true;
    }
    return context
        .connect()
        .filter(
            connect ->
                connect.family() == AddressFamily.INET || connect.family() == AddressFamily.INET6)
        .map(connect -> inNetworks(connect.address()))
        .orElse(false);
  }

  /** Whether the address literal lies in one of the networks. */
  public boolean inNetworks(String address) {
    return Network.literal(address)
        .map(bytes -> networks.stream().anyMatch(network -> network.contains(bytes)))
        .orElse(false);
  }
}
