package org.postern.srs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Creates a secrets file with a fresh random secret, for installations with no secret yet. */
public final class SrsSecretsFile {
  /** Random bytes in a generated secret (written as base64). */
  public static final int SECRET_BYTES = 32;

  private SrsSecretsFile() {}

  /**
   * Writes a new secret (32 random bytes, base64, mode 0600) to {@code file} unless it exists. The
   * file appears complete or not at all: the secret is written to a private temporary file in the
   * same directory and hard-linked into place, which never replaces a file made meanwhile.
   *
   * @return whether a new file was created
   * @throws SrsConfigException when the file cannot be created (the message names it)
   */
  public static boolean createIfMissing(Path file) throws SrsConfigException {
    if (Files.exists(file)) {
      return false;
    }
    byte[] secret = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    String line = Base64.getEncoder().encodeToString(secret) + "\n";
    Path directory = file.toAbsolutePath().getParent();
    Path temporary = null;
    try {
      temporary =
          Files.createTempFile(
              directory,
              ".srs-secrets-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(temporary, line.getBytes(StandardCharsets.US_ASCII));
      try (FileChannel channel = FileChannel.open(temporary)) {
        channel.force(true);
      }
      Files.createLink(file, temporary);
      return true;
    } catch (FileAlreadyExistsException e) {
      // Another process created it first; its secret is as good as ours.
      return false;
    } catch (IOException | UnsupportedOperationException e) {
      throw new SrsConfigException("cannot create SRS secrets file " + file + ": " + e, e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // A stray temporary file is harmless; the secrets file itself is in place.
        }
      }
    }
  }
}
