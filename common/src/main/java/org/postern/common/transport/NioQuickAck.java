package org.postern.common.transport;

import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.SocketOption;
import jdk.net.ExtendedSocketOptions;

/** TCP_QUICKACK through the JDK's extended socket options, where the platform has it (Linux). */
final class NioQuickAck {
  private static final ChannelOption<Boolean> OPTION = option();

  private NioQuickAck() {}

  static void set(NioSocketChannel channel) {
    if (OPTION != null) {
      channel.config().setOption(OPTION, true);
    }
  }

  private static ChannelOption<Boolean> option() {
    try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open()) {
      SocketOption<Boolean> quickAck = ExtendedSocketOptions.TCP_QUICKACK;
      return probe.supportedOptions().contains(quickAck) ? NioChannelOption.of(quickAck) : null;
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
