package org.postern.screen.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A stand-in for Postfix smtpd: greets, expects XCLIENT (recorded), greets again, then answers
 * every line with {@code 250 echo LINE} so tests can see bytes pass through the splice.
 */
final class FakeSmtpd implements AutoCloseable {
  private final ServerSocket server;
  private final BlockingQueue<String> xclients = new LinkedBlockingQueue<>();
  private final Thread acceptor;

  FakeSmtpd() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "fake-smtpd");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** XCLIENT lines received, in order. */
  BlockingQueue<String> xclients() {
    return xclients;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread session = new Thread(() -> serve(socket), "fake-smtpd-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = socket.getOutputStream();
      out.write("220 first.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
      String xclient = in.readLine();
      if (xclient == null) {
        return;
      }
      xclients.add(xclient);
      out.write("220 smtpd.test ESMTP Postfix\r\n".getBytes(StandardCharsets.US_ASCII));
      String line;
      while ((line = in.readLine()) != null) {
        out.write(("250 echo " + line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        if (line.equals("QUIT")) {
          return;
        }
      }
    } catch (IOException e) {
      // The proxy or the test hung up.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
