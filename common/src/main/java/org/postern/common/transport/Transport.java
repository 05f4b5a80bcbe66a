package org.postern.common.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import org.postern.common.address.ListenAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket implementation behind every channel: Linux's native epoll when its library loads
 * (fewer system calls and wake-ups per small request), else the JDK's NIO. Event loops and the
 * channels registered on them must come from the same transport, so code that opens a channel on an
 * existing event loop asks {@link #of(EventLoopGroup)} rather than choosing itself.
 */
public enum Transport {
  /** Linux epoll through Netty's native library. */
  EPOLL,
  /** The JDK's NIO selector: every platform. */
  NIO;

  /** The system property that forces a transport: {@code nio} or {@code epoll}. */
  public static final String PROPERTY = "postern.transport";

  private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

  /** The transport new event loops use: the property if set, else epoll where available. */
  public static Transport preferred() {
    return Preferred.TRANSPORT;
  }

  /** The transport of {@code group}'s event loops, which its channels must use too. */
  public static Transport of(EventLoopGroup group) {
    return EPOLL_AVAILABLE
            && group instanceof IoEventLoopGroup loops
            && loops.isIoType(EpollIoHandler.class)
        ? EPOLL
        : NIO;
  }

  /** Creates the I/O handlers of event loops of this transport. */
  public IoHandlerFactory ioHandlerFactory() {
    return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  /** The listening channel for {@code address} (TCP or unix socket). */
  public Class<? extends ServerChannel> serverChannel(ListenAddress address) {
    boolean unix = address instanceof ListenAddress.Unix;
    if (this == EPOLL) {
      return unix ? EpollServerDomainSocketChannel.class : EpollServerSocketChannel.class;
    }
    return unix ? NioServerDomainSocketChannel.class : NioServerSocketChannel.class;
  }

  /** The connecting channel for {@code address} (TCP or unix socket). */
  public Class<? extends Channel> clientChannel(ListenAddress address) {
    boolean unix = address instanceof ListenAddress.Unix;
    if (this == EPOLL) {
      return unix ? EpollDomainSocketChannel.class : EpollSocketChannel.class;
    }
    return unix ? NioDomainSocketChannel.class : NioSocketChannel.class;
  }

  /** The socket address to bind or connect to for {@code address} with this transport. */
  public SocketAddress socketAddress(ListenAddress address) {
    if (this == EPOLL && address instanceof ListenAddress.Unix unix) {
      return new DomainSocketAddress(unix.path().toString());
    }
    return address.toSocketAddress();
  }

  /** The UDP channel. */
  public Class<? extends DatagramChannel> datagramChannel() {
    return this == EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
  }

  /**
   * Acknowledges the peer's packets at once on a TCP {@code channel} (Linux TCP_QUICKACK, which the
   * kernel clears again after a while, so callers set it after each read); a no-op elsewhere.
   */
  public static void acknowledgeQuickly(Channel channel) {
    if (channel instanceof EpollSocketChannel epoll) {
      epoll.config().setOption(EpollChannelOption.TCP_QUICKACK, true);
    } else if (channel instanceof NioSocketChannel nio) {
      NioQuickAck.set(nio);
    }
  }

  private static final boolean EPOLL_AVAILABLE = Epoll.isAvailable();

  /**
   * The transport for a value of {@link #PROPERTY} ({@code nio} forces NIO; anything else prefers
   * epoll) when epoll is or is not available.
   */
  static Transport choose(String property, boolean epollAvailable) {
    String forced = property == null ? "" : property.strip().toLowerCase(Locale.ROOT);
    if (forced.equals("nio")) {
      return NIO;
    }
    if (epollAvailable) {
      return EPOLL;
    }
    if (forced.equals("epoll")) {
      LOG.warn("epoll transport asked for but unavailable, using NIO: {}", unavailability());
    } else {
      LOG.debug("epoll transport unavailable, using NIO: {}", unavailability());
    }
    return NIO;
  }

  private static String unavailability() {
    Throwable cause = Epoll.unavailabilityCause();
    return cause == null ? "unknown" : cause.toString();
  }

  // Resolved once, on first use, so the log line names the transport actually in use.
  private static final class Preferred {
    static final Transport TRANSPORT = choose(System.getProperty(PROPERTY), EPOLL_AVAILABLE);
  }
}
