package org.postern.greylist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client and recipient whitelists in force, re-read when a file changes. A cheap periodic check
 * of the files' modification times and sizes replaces postgrey's SIGHUP (Java has no supported
 * signal API); a file with a bad line is reported and the previous lists stay.
 */
public final class Whitelists {
  private static final Logger log = LoggerFactory.getLogger(Whitelists.class);

  /** The shipped list of big senders that retry from other addresses. */
  public static final String DEFAULT_CLIENTS_RESOURCE = "whitelist-clients.default";

  private final Path clientFile;
  private final Path recipientFile;
  private final boolean defaultClients;
  private volatile Lists current;
  private Stamp clientStamp; // touched only by the checking thread
  private Stamp recipientStamp;

  private record Lists(ClientWhitelist clients, RecipientWhitelist recipients) {}

  private record Stamp(FileTime modified, long size) {}

  /**
   * Loads the lists once.
   *
   * @param clientFile client whitelist file, or null for none
   * @param recipientFile recipient whitelist file, or null for none
   * @param defaultClients whether the shipped client list is added
   * @throws WhitelistSyntaxException at a bad line
   * @throws UncheckedIOException when a file cannot be read
   */
  public Whitelists(Path clientFile, Path recipientFile, boolean defaultClients) {
    this.clientFile = clientFile;
    this.recipientFile = recipientFile;
    this.defaultClients = defaultClients;
    this.clientStamp = stamp(clientFile);
    this.recipientStamp = stamp(recipientFile);
    this.current = load();
  }

  /** Whether the request's client is whitelisted. */
  public boolean clientMatches(String clientAddress, String clientName) {
    return current.clients().matches(clientAddress, clientName);
  }

  /** Whether the recipient is whitelisted. */
  public boolean recipientMatches(String recipient) {
    return current.recipients().matches(recipient);
  }

  /**
   * Re-reads the files if their modification time or size changed; keeps the old lists (and logs)
   * when the new ones do not parse. Call it periodically from one thread.
   *
   * @return whether new lists were loaded
   */
  public boolean reloadIfChanged() {
    Stamp newClientStamp = stamp(clientFile);
    Stamp newRecipientStamp = stamp(recipientFile);
    if (Objects.equals(newClientStamp, clientStamp)
        && Objects.equals(newRecipientStamp, recipientStamp)) {
      return false;
    }
    clientStamp = newClientStamp;
    recipientStamp = newRecipientStamp;
    try {
      current = load();
      log.info("greylist whitelists reloaded");
      return true;
    } catch (WhitelistSyntaxException | UncheckedIOException e) {
      log.error("greylist whitelists not reloaded, keeping the previous ones: {}", e.getMessage());
      return false;
    }
  }

  private Lists load() {
    ClientWhitelist clients = ClientWhitelist.empty();
    if (defaultClients) {
      clients = clients.plus(ClientWhitelist.parse(DEFAULT_CLIENTS_RESOURCE, defaultClientText()));
    }
    if (clientFile != null) {
      clients = clients.plus(ClientWhitelist.parse(clientFile.toString(), read(clientFile)));
    }
    RecipientWhitelist recipients =
        recipientFile == null
            ? RecipientWhitelist.empty()
            : RecipientWhitelist.parse(recipientFile.toString(), read(recipientFile));
    log.debug(
        "greylist whitelists: {} client entries, {} recipient entries",
        clients.size(),
        recipients.size());
    return new Lists(clients, recipients);
  }

  /** The shipped default client whitelist's text. */
  public static String defaultClientText() {
    try (InputStream in = Whitelists.class.getResourceAsStream(DEFAULT_CLIENTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULT_CLIENTS_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read whitelist " + file + ": " + e.getMessage(), e);
    }
  }

  private static Stamp stamp(Path file) {
    if (file == null) {
      return null;
    }
    try {
      return new Stamp(Files.getLastModifiedTime(file), Files.size(file));
    } catch (IOException e) {
      return new Stamp(FileTime.fromMillis(0), -1);
    }
  }
}
