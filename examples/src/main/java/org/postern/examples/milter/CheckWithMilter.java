package org.postern.examples.milter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postern.common.address.ListenAddress;
import org.postern.milter.client.MessageContent;
import org.postern.milter.client.MilterClient;
import org.postern.milter.client.MilterClientFactory;
import org.postern.milter.client.MilterResult;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.negotiation.MacroStage;

/**
 * Sends a message file to a milter the way Postfix would and prints the verdict and the
 * modifications: {@code CheckWithMilter inet:127.0.0.1:8891 message.eml [SENDER [RECIPIENT...]]}.
 * Exit 0 when the milter lets the message through, 1 for any other verdict, 2 for bad arguments, 3
 * when the milter cannot be reached or breaks the protocol.
 */
public final class CheckWithMilter {
  private CheckWithMilter() {}

  /** Runs the check and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the check, printing to {@code out} and {@code err}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2) {
      err.println("usage: CheckWithMilter MILTER_ADDRESS MESSAGE_FILE [SENDER [RECIPIENT...]]");
      return 2;
    }
    ListenAddress address;
    MessageContent message;
    try {
      address = ListenAddress.parse(args[0]);
      message = MessageContent.parse(Files.readAllBytes(Path.of(args[1])));
    } catch (IllegalArgumentException | IOException e) {
      // InvalidListenAddressException is an IllegalArgumentException, as is a bad header line.
      err.println("cannot start: " + e.getMessage());
      return 2;
    }
    String sender = args.length > 2 ? args[2] : "<>";
    List<String> recipients =
        args.length > 3 ? List.of(args).subList(3, args.length) : List.of("<postmaster@localhost>");

    try (MilterClientFactory factory =
        MilterClientFactory.builder(address).commandTimeout(Duration.ofSeconds(30)).build()) {
      MilterClient client = factory.connect().toCompletableFuture().get(60, TimeUnit.SECONDS);
      client.macros(MacroStage.CONNECT, Map.of("j", "localhost", "{daemon_name}", "check"));
      client.macros(MacroStage.MAIL, Map.of("i", "CHECK00001"));
      client.connect("localhost", AddressFamily.INET, "127.0.0.1", 25);
      client.helo("localhost");
      client.mail(sender, List.of());
      recipients.forEach(recipient -> client.rcpt(recipient, List.of()));
      client.data();
      MilterResult result = client.content(message).toCompletableFuture().get(5, TimeUnit.MINUTES);
      client.quit().toCompletableFuture().get(10, TimeUnit.SECONDS);

      out.println("verdict: " + result.verdict());
      result.modifications().forEach(modification -> out.println("modification: " + modification));
      return result.delivers() ? 0 : 1;
    } catch (ExecutionException | TimeoutException e) {
      err.println("milter failed: " + MilterClient.unwrap(e).getMessage());
      return 3;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("interrupted");
      return 3;
    }
  }
}
