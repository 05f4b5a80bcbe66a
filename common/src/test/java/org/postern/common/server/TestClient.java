package org.postern.common.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** A blocking line client over TCP or a unix socket, for driving servers in tests. */
final class TestClient implements AutoCloseable {
  private final SocketChannel channel;
  private final StringBuilder pending = new StringBuilder();

  private TestClient(SocketChannel channel) {
    this.channel = channel;
  }

  static TestClient connect(SocketAddress address) throws IOException {
    return new TestClient(SocketChannel.open(address));
  }

  void send(String text) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /** The next line without its newline, or null when the server closed the connection. */
  String readLine() throws IOException {
    while (pending.indexOf("\n") < 0) {
      ByteBuffer buffer = ByteBuffer.allocate(256);
      int read;
      try {
        read = channel.read(buffer);
      } catch (IOException reset) {
        return null;
      }
      if (read < 0) {
        return null;
      }
      pending.append(new String(buffer.array(), 0, read, StandardCharsets.US_ASCII));
    }
    int newline = pending.indexOf("\n");
    String line = pending.substring(0, newline);
    pending.delete(0, newline + 1);
    return line;
  }

  /** Sends a line and returns the echoed answer. */
  String exchange(String line) throws IOException {
    send(line + "\n");
    return readLine();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
