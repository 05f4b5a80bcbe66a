package org.postern.srs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrsSecretsFileTest {

  @Test
  void createsAPrivateFileWithA32ByteSecret(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("srs.secrets");
    assertThat(SrsSecretsFile.createIfMissing(file)).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String line = Files.readString(file).strip();
    assertThat(Base64.getDecoder().decode(line)).hasSize(SrsSecretsFile.SECRET_BYTES);
    assertThat(SrsSecrets.load(file).size()).isEqualTo(1);
    try (var entries = Files.list(directory)) {
      assertThat(entries).containsExactly(file);
    }
  }

  @Test
  void keepsAnExistingFile(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("srs.secrets");
    Files.writeString(file, "mine\n");
    assertThat(SrsSecretsFile.createIfMissing(file)).isFalse();
    assertThat(Files.readString(file)).isEqualTo("mine\n");
  }

  @Test
  void twoFilesGetDifferentSecrets(@TempDir Path directory) throws Exception {
    Path first = directory.resolve("a.secrets");
    Path second = directory.resolve("b.secrets");
    SrsSecretsFile.createIfMissing(first);
    SrsSecretsFile.createIfMissing(second);
    assertThat(Files.readString(first)).isNotEqualTo(Files.readString(second));
  }
}
