package org.postern.common.address;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A socket address in Postfix's notation ({@code inet:HOST:PORT}, {@code inet:[IPv6]:PORT}, {@code
 * unix:/path}), used for every listen and connect address so operators can paste the same strings
 * into main.cf.
 */
public sealed interface ListenAddress permits ListenAddress.Inet, ListenAddress.Unix {

  /** The forms {@link #parse} accepts, quoted in every error message. */
  String EXPECTED_FORMS = "inet:HOST:PORT, inet:[IPv6]:PORT or unix:/absolute/path";

  /** The JDK socket address to bind or connect to. */
  SocketAddress toSocketAddress();

  /** Parses Postfix notation; a bare {@code HOST:PORT} is taken as {@code inet:}. */
  static ListenAddress parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidListenAddressException(String.valueOf(text), "it is empty");
    }
    String trimmed = text.strip();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("unix:")) {
      String path = trimmed.substring("unix:".length());
      if (path.isEmpty() || !path.startsWith("/")) {
        throw new InvalidListenAddressException(text, "a unix socket path must be absolute");
      }
      if (path.indexOf('\0') >= 0) {
        throw new InvalidListenAddressException(text, "the path contains NUL");
      }
      return new Unix(Path.of(path).normalize());
    }
    String hostPort = lower.startsWith("inet:") ? trimmed.substring("inet:".length()) : trimmed;
    return parseInet(text, hostPort);
  }

  private static Inet parseInet(String original, String hostPort) {
    String host;
    String port;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0 || close + 1 >= hostPort.length() || hostPort.charAt(close + 1) != ':') {
        throw new InvalidListenAddressException(original, "an IPv6 address needs [ADDRESS]:PORT");
      }
      host = hostPort.substring(1, close);
      port = hostPort.substring(close + 2);
      if (host.isEmpty() || host.indexOf(':') < 0) {
        throw new InvalidListenAddressException(original, "brackets hold an IPv6 address");
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      if (colon < 0) {
        throw new InvalidListenAddressException(original, "the port is missing");
      }
      host = hostPort.substring(0, colon);
      port = hostPort.substring(colon + 1);
      if (host.indexOf(':') >= 0) {
        throw new InvalidListenAddressException(
            original, "an IPv6 address must be written in brackets");
      }
      if (host.isEmpty()) {
        throw new InvalidListenAddressException(original, "the host is missing");
      }
    }
    if (!host.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '/' && c != '[' && c != ']')) {
      throw new InvalidListenAddressException(original, "the host has invalid characters");
    }
    return new Inet(host, parsePort(original, port));
  }

  private static int parsePort(String original, String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidListenAddressException(original, "the port must be a number 0-65535");
    }
    int value = Integer.parseInt(port);
    if (value > 65535) {
      throw new InvalidListenAddressException(original, "the port must be a number 0-65535");
    }
    return value;
  }

  /** A TCP address; port 0 asks the kernel for a free port. */
  record Inet(String host, int port) implements ListenAddress {
    /** Validates the port range. */
    public Inet {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }

    @Override
    public InetSocketAddress toSocketAddress() {
      return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
      return host.indexOf(':') >= 0 ? "inet:[" + host + "]:" + port : "inet:" + host + ":" + port;
    }
  }

  /** A unix-domain socket path. */
  record Unix(Path path) implements ListenAddress {
    @Override
    public UnixDomainSocketAddress toSocketAddress() {
      return UnixDomainSocketAddress.of(path);
    }

    @Override
    public String toString() {
      return "unix:" + path;
    }
  }
}
