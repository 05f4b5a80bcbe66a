package org.postern.screen.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.postern.screen.address.ClientAddress;
import org.postern.screen.address.InvalidClientAddressException;

/** Parses a DNS server as {@code IP}, {@code IP:PORT} or {@code [IPv6]:PORT}; never asks DNS. */
public final class DnsServerAddress {
  private DnsServerAddress() {}

  /**
   * The socket address for {@code text}; port 53 when none is given.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static InetSocketAddress parse(String text) {
    String host = text;
    int port = 53;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("DNS server '" + text + "': missing ']'");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("DNS server '" + text + "': expected ':PORT'");
        }
        port = port(text, rest.substring(1));
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = port(text, text.substring(text.indexOf(':') + 1));
    }
    try {
      byte[] bytes = ClientAddress.parse(host).bytes();
      return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
    } catch (InvalidClientAddressException | UnknownHostException e) {
      throw new IllegalArgumentException(
          "DNS server '" + text + "': expected an IP address, optionally with :PORT", e);
    }
  }

  private static int port(String text, String port) {
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException("DNS server '" + text + "': bad port '" + port + "'");
    }
    return Integer.parseInt(port);
  }
}
