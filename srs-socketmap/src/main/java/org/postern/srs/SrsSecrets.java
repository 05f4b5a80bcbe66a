package org.postern.srs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The SRS secrets: the first signs new addresses, all of them verify, so a secret can be rotated by
 * putting the new one first and keeping the old one until its addresses expire.
 */
public final class SrsSecrets {
  private static final Set<PosixFilePermission> TOO_OPEN =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  private final List<byte[]> secrets;

  private SrsSecrets(List<byte[]> secrets) {
    this.secrets = secrets;
  }

  /** Secrets given directly (tests, embedding); the first signs. */
  public static SrsSecrets of(List<String> secrets) throws SrsConfigException {
    List<byte[]> bytes = new ArrayList<>();
    for (String secret : secrets) {
      if (secret.isEmpty()) {
        throw new SrsConfigException("an SRS secret must not be empty");
      }
      bytes.add(secret.getBytes(StandardCharsets.UTF_8));
    }
    if (bytes.isEmpty()) {
      throw new SrsConfigException("at least one SRS secret is needed");
    }
    return new SrsSecrets(List.copyOf(bytes));
  }

  /**
   * Reads one secret per line (line ends stripped, blank lines skipped; the bytes are used as they
   * are, like postsrsd does). Refuses a file that group or others may read or write, and a file
   * without a secret.
   */
  public static SrsSecrets load(Path file) throws SrsConfigException {
    checkPermissions(file);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new SrsConfigException("cannot read SRS secrets file " + file + ": " + e, e);
    }
    List<byte[]> secrets = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
        if (end > start) {
          secrets.add(Arrays.copyOfRange(content, start, end));
        }
        start = i + 1;
      }
    }
    if (secrets.isEmpty()) {
      throw new SrsConfigException("SRS secrets file " + file + " contains no secret");
    }
    return new SrsSecrets(List.copyOf(secrets));
  }

  private static void checkPermissions(Path file) throws SrsConfigException {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: there are no mode bits to check.
      return;
    } catch (IOException e) {
      throw new SrsConfigException("cannot read SRS secrets file " + file + ": " + e, e);
    }
    Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
    open.addAll(permissions);
    open.retainAll(TOO_OPEN);
    if (!open.isEmpty()) {
      throw new SrsConfigException(
          "SRS secrets file "
              + file
              + " is accessible to group or others ("
              + open
              + "); anyone who knows the secret can relay through this server, chmod 600 it");
    }
  }

  /** Every secret, signing one first; all verify. */
  List<byte[]> all() {
    return secrets;
  }

  /** How many secrets there are. */
  public int size() {
    return secrets.size();
  }

  /** Never shows the secrets themselves. */
  @Override
  public String toString() {
    return "SrsSecrets[" + secrets.size() + " secret(s)]";
  }
}
