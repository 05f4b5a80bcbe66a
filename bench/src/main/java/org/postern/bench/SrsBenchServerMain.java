package org.postern.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.postern.common.address.InvalidListenAddressException;
import org.postern.common.address.ListenAddress;
import org.postern.srs.HashEncoding;
import org.postern.srs.SrsConfigException;
import org.postern.srs.SrsRewriter;
import org.postern.srs.SrsSecrets;

/**
 * {@code --domain D --secrets FILE [--socketmap ADDR] [--tcp-table-forward ADDR]
 * [--tcp-table-reverse ADDR] [--threads N] [--hash-encoding base64|base64url]}: serves the SRS maps
 * with an {@link SrsBenchServer} until the process is stopped. Exit 2 on a usage error, 1 when the
 * server cannot start.
 */
public final class SrsBenchServerMain {
  private static final String USAGE =
      "usage: --domain D --secrets FILE [--socketmap ADDR] [--tcp-table-forward ADDR]\n"
          + "       [--tcp-table-reverse ADDR] [--threads N (Netty default)]"
          + " [--hash-encoding base64|base64url (base64url)]";

  private SrsBenchServerMain() {}

  /** Starts the server and waits until the JVM is stopped. */
  public static void main(String[] args) throws InterruptedException {
    Options options = new Options();
    for (String name :
        new String[] {
          "domain",
          "secrets",
          "socketmap",
          "tcp-table-forward",
          "tcp-table-reverse",
          "threads",
          "hash-encoding"
        }) {
      options.addOption(Option.builder().longOpt(name).hasArg().argName(name).get());
    }
    SrsBenchServer server;
    try {
      CommandLine line = new DefaultParser().parse(options, args);
      SrsRewriter rewriter =
          SrsRewriter.builder()
              .srsDomain(required(line, "domain"))
              .secrets(SrsSecrets.load(Path.of(required(line, "secrets"))))
              .hashEncoding(
                  HashEncoding.valueOf(
                      line.getOptionValue("hash-encoding", "base64url").toUpperCase(Locale.ROOT)))
              .build();
      server =
          SrsBenchServer.start(
              rewriter,
              address(line, "socketmap"),
              address(line, "tcp-table-forward"),
              address(line, "tcp-table-reverse"),
              Integer.parseInt(line.getOptionValue("threads", "0")));
    } catch (ParseException | UsageException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    } catch (SrsConfigException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("serving SRS on " + server.boundAddresses());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    stopped.await();
  }

  private static String required(CommandLine line, String name) throws UsageException {
    String value = line.getOptionValue(name);
    if (value == null) {
      throw new UsageException("--" + name + " is required");
    }
    return value;
  }

  private static Optional<ListenAddress> address(CommandLine line, String name)
      throws UsageException {
    String value = line.getOptionValue(name);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ListenAddress.parse(value));
    } catch (InvalidListenAddressException e) {
      throw new UsageException("--" + name + ": " + e.getMessage());
    }
  }
}
