package org.postern.screen.proxy;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * The XCLIENT command announcing the real client to Postfix smtpd (Postfix XCLIENT_README): address
 * ({@code IPV6:} prefixed for IPv6), port, no reverse name, plain SMTP.
 */
public final class Xclient {
  private Xclient() {}

  /** The command line, CRLF included, for a client connected from {@code client}. */
  public static String command(InetSocketAddress client) {
    String address = client.getAddress().getHostAddress();
    int zone = address.indexOf('%');
    if (zone >= 0) {
      address = address.substring(0, zone);
    }
    if (client.getAddress() instanceof Inet6Address) {
      address = "IPV6:" + address;
    }
    return "XCLIENT ADDR="
        + address
        + " PORT="
        + client.getPort()
        + " NAME=[UNAVAILABLE] PROTO=SMTP\r\n";
  }
}
