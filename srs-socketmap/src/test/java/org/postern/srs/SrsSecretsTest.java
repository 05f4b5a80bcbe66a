package org.postern.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SrsSecretsTest {
  @TempDir Path directory;

  private Path secretsFile(String content, String permissions) throws IOException {
    Path file = directory.resolve("srs.secret");
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  @Test
  void loadsOneSecretPerLineAndTheFirstSigns() throws Exception {
    SrsSecrets secrets = SrsSecrets.load(secretsFile("tops3cr3t\r\n\nolder\n", "rw-------"));
    assertThat(secrets.size()).isEqualTo(2);
    assertThat(secrets.all())
        .extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
        .containsExactly("tops3cr3t", "older");
    assertThat(secrets.toString()).doesNotContain("tops3cr3t");
  }

  @Test
  void aLoadedSecretReproducesTheTestVector() throws Exception {
    SrsRewriter rewriter =
        SrsFixtures.builder(SrsFixtures.VECTOR_TIME)
            .secrets(SrsSecrets.load(secretsFile("tops3cr3t\n", "r--------")))
            .build();
    assertThat(rewriter.forward("test@otherdomain.com"))
        .isEqualTo(new SrsResult.Rewritten("SRS0=vmyz=2W=otherdomain.com=test@example.com"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r-----", "rw----r--", "rw--w----", "rw-----w-", "rw-rw-rw-"})
  void refusesFilesOthersCanReadOrWrite(String permissions) throws IOException {
    Path file = secretsFile("tops3cr3t\n", permissions);
    assertThatThrownBy(() -> SrsSecrets.load(file))
        .isInstanceOf(SrsConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("group or others");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n", "\r\n\n"})
  void refusesFilesWithoutASecret(String content) throws IOException {
    Path file = secretsFile(content, "rw-------");
    assertThatThrownBy(() -> SrsSecrets.load(file))
        .isInstanceOf(SrsConfigException.class)
        .hasMessageContaining("no secret");
  }

  @Test
  void refusesAMissingFile() {
    assertThatThrownBy(() -> SrsSecrets.load(directory.resolve("absent")))
        .isInstanceOf(SrsConfigException.class)
        .hasMessageContaining("absent");
  }

  @Test
  void refusesEmptySecretsGivenDirectly() {
    assertThatThrownBy(() -> SrsSecrets.of(List.of())).isInstanceOf(SrsConfigException.class);
    assertThatThrownBy(() -> SrsSecrets.of(List.of("a", "")))
        .isInstanceOf(SrsConfigException.class);
  }
}
