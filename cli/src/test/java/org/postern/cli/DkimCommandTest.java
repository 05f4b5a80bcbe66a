package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DkimCommandTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private int run(byte[] stdin, String... args) throws Exception {
    out.reset();
    DkimCommand command = new DkimCommand(() -> new ByteArrayInputStream(stdin));
    return command.run(
        new DefaultParser().parse(Main.optionsOf(command), args),
        new Terminal(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "ed25519"})
  void keygenSignVerifyRoundTrip(String algorithm) throws Exception {
    assertThat(
            run(
                new byte[0],
                "keygen",
                "--domain",
                "example.test",
                "--selector",
                "s1",
                "--algorithm",
                algorithm,
                "--bits",
                "1024",
                "--out",
                dir.toString()))
        .isEqualTo(Main.OK);
    String record = out.toString(StandardCharsets.UTF_8);
    assertThat(record).startsWith("s1._domainkey.example.test. IN TXT ( \"v=DKIM1; k=" + algorithm);
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("s1.private"))))
        .isEqualTo("rw-------");

    byte[] message = "From: a@example.test\nSubject: hi\n\nbody\n".getBytes(StandardCharsets.UTF_8);
    assertThat(
            run(
                message,
                "sign",
                "--domain",
                "example.test",
                "--selector",
                "s1",
                "--key",
                dir.resolve("s1.private").toString()))
        .isEqualTo(Main.OK);
    byte[] signed = out.toByteArray();
    assertThat(new String(signed, StandardCharsets.UTF_8)).startsWith("DKIM-Signature: v=1;");

    Path dnsFile = dir.resolve("dns");
    Files.writeString(dnsFile, record);
    assertThat(run(signed, "verify", "--dns-file", dnsFile.toString())).isEqualTo(Main.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("pass d=example.test s=s1");

    byte[] tampered =
        new String(signed, StandardCharsets.UTF_8)
            .replace("body", "BODY")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(run(tampered, "verify", "--dns-file", dnsFile.toString())).isEqualTo(Main.FAILURE);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("fail d=example.test s=s1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"From: a@example.test\n\nunsigned\n"})
  void unsignedMessageSaysNoneAndFails(String message) throws Exception {
    Path dnsFile = Files.writeString(dir.resolve("empty"), "");

    assertThat(
            run(
                message.getBytes(StandardCharsets.UTF_8),
                "verify",
                "--dns-file",
                dnsFile.toString()))
        .isEqualTo(Main.FAILURE);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("none d=- s=-");
  }
}
