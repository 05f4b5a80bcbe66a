package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PeerPolicyTest {

  private static final String ABSENT = "postern-no-such-peer-7f3a";

  @TempDir Path directory;

  private PeerPolicy policy(boolean ci, boolean root, Map<String, String> properties) {
    return new PeerPolicy(ci, List.of(directory), root, properties::get);
  }

  @Test
  void missingBinaryAbortsTheTestOutsideCi() {
    assertThatThrownBy(() -> policy(false, true, Map.of()).binary(ABSENT))
        .isInstanceOf(TestAbortedException.class)
        .hasMessage(
            "PEER MISSING: "
                + ABSENT
                + " not found; install with sudo examples/deploy/install-peers.sh");
  }

  @Test
  void missingBinaryFailsTheTestUnderCi() {
    assertThatThrownBy(() -> policy(true, true, Map.of()).binary(ABSENT))
        .isInstanceOf(AssertionFailedError.class)
        .isNotInstanceOf(TestAbortedException.class)
        .hasMessageContaining("PEER MISSING: " + ABSENT + " not found");
  }

  @Test
  void findsAnExecutableInTheSearchDirectories() throws IOException {
    Path binary = executable(directory.resolve("fake-peer"));

    assertThat(policy(true, true, Map.of()).binary("fake-peer")).isEqualTo(binary);
  }

  @Test
  void searchesDirectoriesInOrder() throws IOException {
    Path first = Files.createDirectory(directory.resolve("first"));
    Path second = Files.createDirectory(directory.resolve("second"));
    executable(second.resolve("fake-peer"));
    Path preferred = executable(first.resolve("fake-peer"));
    PeerPolicy policy = new PeerPolicy(true, List.of(first, second), true, name -> null);

    assertThat(policy.binary("fake-peer")).isEqualTo(preferred);
  }

  @Test
  void ignoresFilesThatAreNotExecutable() throws IOException {
    Files.writeString(directory.resolve("plain-file"), "not a program");

    assertThatThrownBy(() -> policy(false, true, Map.of()).binary("plain-file"))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void missingRootAbortsOutsideCiAndFailsUnderCi() {
    assertThatThrownBy(() -> policy(false, false, Map.of()).root())
        .isInstanceOf(TestAbortedException.class)
        .hasMessageStartingWith("PEER MISSING: root");
    assertThatThrownBy(() -> policy(true, false, Map.of()).root())
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("PEER MISSING: root");
  }

  @Test
  void rootPassesWhenRunningAsRoot() {
    policy(true, true, Map.of()).root();
  }

  @Test
  void testDataComesFromTheSystemProperty() {
    assertThat(policy(true, true, Map.of("testdata", directory.toString())).testData("testdata"))
        .isEqualTo(directory);
  }

  @Test
  void unsetTestDataPropertyAbortsOutsideCiAndFailsUnderCi() {
    assertThatThrownBy(() -> policy(false, true, Map.of()).testData("testdata"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("testdata");
    assertThatThrownBy(() -> policy(true, true, Map.of()).testData("testdata"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("testdata");
  }

  @Test
  void nonexistentTestDataPathAbortsOutsideCiAndFailsUnderCi() {
    Map<String, String> properties = Map.of("testdata", directory.resolve("absent").toString());

    assertThatThrownBy(() -> policy(false, true, properties).testData("testdata"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("absent");
    assertThatThrownBy(() -> policy(true, true, properties).testData("testdata"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("absent");
  }

  @Test
  void searchPathAppendsSystemDirectoriesWithoutDuplicates() {
    List<Path> path = PeerPolicy.searchPath("/opt/tools/bin:/usr/bin::");

    assertThat(path.get(0)).isEqualTo(Path.of("/opt/tools/bin"));
    assertThat(path).contains(Path.of("/usr/sbin"), Path.of("/usr/lib/postfix/sbin"));
    assertThat(path).doesNotHaveDuplicates();
  }

  private static Path executable(Path file) throws IOException {
    Files.writeString(file, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
