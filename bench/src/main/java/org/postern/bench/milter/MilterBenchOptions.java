package org.postern.bench.milter;

import java.util.Objects;
import org.postern.common.address.ListenAddress;

/**
 * What a milter load run does.
 *
 * @param target where the milter listens, in Postfix notation
 * @param connections milter connections, each negotiated once and reused with QUIT_NC
 * @param messages messages measured, spread evenly over the connections
 * @param messageSize bytes per message, headers and body together
 * @param warmUpMessages messages sent before measuring, for JIT and connection set-up
 */
public record MilterBenchOptions(
    ListenAddress target, int connections, int messages, int messageSize, int warmUpMessages) {

  /** The smallest message: the fixed headers and a one-line body. */
  public static final int MIN_MESSAGE_SIZE = 256;

  /** The largest message this driver builds: 64 MiB. */
  public static final int MAX_MESSAGE_SIZE = 64 << 20;

  /** Checks the values. */
  public MilterBenchOptions {
    Objects.requireNonNull(target, "target");
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1, got " + connections);
    }
    if (messages < connections) {
      throw new IllegalArgumentException(
          "messages must be at least the number of connections (" + connections + ")");
    }
    if (messageSize < MIN_MESSAGE_SIZE || messageSize > MAX_MESSAGE_SIZE) {
      throw new IllegalArgumentException(
          "size must be "
              + MIN_MESSAGE_SIZE
              + ".."
              + MAX_MESSAGE_SIZE
              + " bytes, got "
              + messageSize);
    }
    if (warmUpMessages < 0) {
      throw new IllegalArgumentException("warm-up messages must not be negative");
    }
  }
}
