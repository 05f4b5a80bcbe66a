package org.postern.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postern.dkim.canonicalization.Canonicalization;
import org.postern.dkim.dns.StaticKeyLookup;
import org.postern.dkim.keys.DnsRecordText;
import org.postern.dkim.keys.PrivateKeyFiles;
import org.postern.dkim.keys.SigningKey;
import org.postern.dkim.message.HeaderField;
import org.postern.dkim.message.MessageReader;
import org.postern.dkim.signing.DkimSigner;
import org.postern.dkim.signing.SigningSession;
import org.postern.dkim.verification.DkimResult;
import org.postern.dkim.verification.DkimStatus;
import org.postern.dkim.verification.DkimVerifier;
import org.postern.testing.Peers;

/**
 * Our signatures against dkimpy, Mail::DKIM and opendkim (test mode), and theirs against our
 * verifier. Keys are served from files, never DNS. The installed Mail::DKIM (1.20230212) has no
 * Ed25519 support, so it checks the RSA signatures only.
 */
class CrossVerifyIT {
  static final String DOMAIN = "example.test";

  @TempDir static Path dir;
  static KeyPair rsa;
  static KeyPair ed25519;
  static Path dnsFile;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    rsa = generator.generateKeyPair();
    ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    dnsFile = dir.resolve("dns");
    Files.writeString(
        dnsFile,
        "rsa._domainkey."
            + DOMAIN
            + " "
            + DnsRecordText.value(rsa.getPublic())
            + "\n"
            + "ed._domainkey."
            + DOMAIN
            + " "
            + DnsRecordText.value(ed25519.getPublic())
            + "\n");
    for (String script : List.of("dkimpy_verify.py", "dkimpy_sign.py", "mail_dkim_verify.pl")) {
      try (InputStream in = CrossVerifyIT.class.getResourceAsStream("cross/" + script)) {
        Files.write(dir.resolve(script), in.readAllBytes());
      }
    }
  }

  static final Map<String, String> BODIES =
      Map.of(
          "plain", "Hello,\r\n\r\nthis is a test.\r\n",
          "bare-lf", "line one\nline  two \n\n\n",
          "long-lines", "x".repeat(990) + "\r\n" + "y ".repeat(600) + "\r\n",
          "trailing-space", "text \t \r\n  \r\n\r\n\r\n",
          "empty", "",
          "utf8", "Grüße aus Köln — ☃\r\n");

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String algorithm : List.of("rsa", "ed")) {
      for (Canonicalization canonicalization : Canonicalization.values()) {
        for (String body : BODIES.keySet().stream().sorted().toList()) {
          cases.add(Arguments.of(algorithm, canonicalization, body));
        }
      }
    }
    return cases.stream();
  }

  static String message(String body) {
    String headers =
        "From: Jürgen Müller <juergen@example.test>\r\n"
            + "To: bob@example.net\r\n"
            + "Subject: Grüße,\r\n  a folded\r\n\tsubject\r\n"
            + "Date: Wed, 1 Jan 2025 00:00:00 +0000\r\n"
            + "Message-ID: <cross@example.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n";
    if (body.contains("\r\n") || !body.contains("\n")) {
      return headers + body;
    }
    return headers.replace("\r\n", "\n") + body;
  }

  /** Signs with our library, then puts the message into SMTP's CRLF form as Postfix would. */
  static Path signOurs(String algorithm, Canonicalization canonicalization, String bodyName)
      throws Exception {
    SigningKey key =
        algorithm.equals("rsa")
            ? SigningKey.of(DOMAIN, "rsa", rsa.getPrivate())
            : SigningKey.of(DOMAIN, "ed", ed25519.getPrivate());
    DkimSigner signer =
        DkimSigner.builder().key(key).canonicalization(canonicalization, canonicalization).build();
    byte[] raw = message(BODIES.get(bodyName)).getBytes(StandardCharsets.UTF_8);
    ByteArrayInputStream in = new ByteArrayInputStream(raw);
    SigningSession session = signer.newSession();
    session.headers(MessageReader.readHeaders(in));
    session.body(in.readAllBytes());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (HeaderField field : session.finish()) {
      out.writeBytes(field.rawBytes());
      out.writeBytes(new byte[] {'\r', '\n'});
    }
    out.writeBytes(raw);
    String crlf =
        out.toString(StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
    Path file = dir.resolve(algorithm + "-" + canonicalization + "-" + bodyName + ".eml");
    Files.write(file, crlf.getBytes(StandardCharsets.ISO_8859_1));
    return file;
  }

  @ParameterizedTest(name = "dkimpy verifies our {0} {1} {2}")
  @MethodSource("cases")
  void dkimpyVerifiesOurs(String algorithm, Canonicalization canonicalization, String body)
      throws Exception {
    requirePython();
    Path signed = signOurs(algorithm, canonicalization, body);

    Result result =
        run(
            null,
            "/usr/bin/python3",
            dir.resolve("dkimpy_verify.py").toString(),
            dnsFile.toString(),
            signed.toString());

    assertThat(result.exit).as(result.output).isZero();
  }

  @ParameterizedTest(name = "Mail::DKIM verifies our {0} {1} {2}")
  @MethodSource("cases")
  void mailDkimVerifiesOurs(String algorithm, Canonicalization canonicalization, String body)
      throws Exception {
    requirePerl();
    Path signed = signOurs(algorithm, canonicalization, body);

    Result result =
        run(
            null,
            "perl",
            dir.resolve("mail_dkim_verify.pl").toString(),
            dnsFile.toString(),
            signed.toString());

    if (algorithm.equals("ed")) {
      assertThat(result.output).as("Mail::DKIM 1.20230212 lacks Ed25519").contains("unsupported");
    } else {
      assertThat(result.exit).as(result.output).isZero();
    }
  }

  @ParameterizedTest(name = "opendkim verifies our {0} {1} {2}")
  @MethodSource("cases")
  void opendkimVerifiesOurs(String algorithm, Canonicalization canonicalization, String body)
      throws Exception {
    Path opendkim = Peers.require("opendkim");
    Path signed = signOurs(algorithm, canonicalization, body);
    Path conf = dir.resolve("verify.conf");
    Files.writeString(conf, "Mode v\nSyslog no\nTestDNSData file:" + dnsFile + "\n");

    Result result = run(null, opendkim.toString(), "-x", conf.toString(), "-t", signed.toString());

    assertThat(result.output)
        .contains("verification (s=" + algorithm + ", d=" + DOMAIN)
        .contains("succeeded");
  }

  static Stream<Arguments> peerCases() {
    List<Arguments> cases = new ArrayList<>();
    for (String algorithm : List.of("rsa", "ed")) {
      for (String canonicalization :
          List.of("simple/simple", "relaxed/relaxed", "relaxed/simple")) {
        for (String body : List.of("plain", "trailing-space", "empty", "utf8", "long-lines")) {
          cases.add(Arguments.of(algorithm, canonicalization, body));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "we verify opendkim's {0} {1} {2}")
  @MethodSource("peerCases")
  void weVerifyOpendkim(String algorithm, String canonicalization, String body) throws Exception {
    Path opendkim = Peers.require("opendkim");
    Path key = privateKey(algorithm, false);
    Path conf = dir.resolve("sign-" + algorithm + ".conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "Mode s",
            "Syslog no",
            "RequireSafeKeys false",
            "Domain " + DOMAIN,
            "Selector " + algorithm,
            "KeyFile " + key,
            "Canonicalization " + canonicalization,
            "SignatureAlgorithm " + (algorithm.equals("rsa") ? "rsa-sha256" : "ed25519-sha256"),
            ""));
    byte[] message = message(BODIES.get(body)).getBytes(StandardCharsets.UTF_8);
    Path input = Files.write(dir.resolve("unsigned-" + body + ".eml"), message);

    Result result = run(null, opendkim.toString(), "-x", conf.toString(), "-t", input.toString());
    int start = result.output.indexOf("DKIM-Signature:");
    assertThat(start).as(result.output).isNotNegative();
    String field = result.output.substring(start).stripTrailing().replaceAll("\r?\n", "\r\n");
    byte[] signed = concat((field + "\r\n").getBytes(StandardCharsets.ISO_8859_1), message);

    if (algorithm.equals("ed") && canonicalization.startsWith("simple")) {
      // opendkim 2.11's test-mode Ed25519 signatures with simple header canonicalisation often
      // fail in opendkim itself and in dkimpy too: there we require the same verdict as dkimpy.
      requirePython();
      Path file = Files.write(dir.resolve("opendkim-ed-simple.eml"), signed);
      boolean dkimpyPasses =
          run(
                      null,
                      "/usr/bin/python3",
                      dir.resolve("dkimpy_verify.py").toString(),
                      dnsFile.toString(),
                      file.toString())
                  .exit
              == 0;
      assertThat(verify(signed).get(0).status() == DkimStatus.PASS).isEqualTo(dkimpyPasses);
      return;
    }
    assertPasses(signed, algorithm);
  }

  @ParameterizedTest(name = "we verify dkimpy's {0} {1} {2}")
  @MethodSource("peerCases")
  void weVerifyDkimpy(String algorithm, String canonicalization, String body) throws Exception {
    requirePython();
    Path key = privateKey(algorithm, true);
    byte[] message = message(BODIES.get(body)).getBytes(StandardCharsets.UTF_8);

    Result result =
        run(
            message,
            "/usr/bin/python3",
            dir.resolve("dkimpy_sign.py").toString(),
            key.toString(),
            DOMAIN,
            algorithm,
            algorithm.equals("rsa") ? "rsa-sha256" : "ed25519-sha256",
            canonicalization);
    assertThat(result.exit).as(result.output).isZero();

    assertPasses(result.stdout, algorithm);
  }

  private static List<DkimResult> verify(byte[] signed) throws Exception {
    return DkimVerifier.builder(StaticKeyLookup.fromFile(dnsFile))
        .build()
        .verify(new ByteArrayInputStream(signed))
        .toCompletableFuture()
        .get();
  }

  private static void assertPasses(byte[] signed, String selector) throws Exception {
    List<DkimResult> results = verify(signed);
    assertThat(results)
        .as(new String(signed, StandardCharsets.UTF_8))
        .singleElement()
        .satisfies(
            result -> {
              assertThat(result.status()).as(result.reason()).isEqualTo(DkimStatus.PASS);
              assertThat(result.selector()).isEqualTo(selector);
            });
  }

  /** The key as the peer wants it: PEM (PKCS#1 RSA, PKCS#8 Ed25519) or, for dkimpy, a raw seed. */
  private static Path privateKey(String algorithm, boolean dkimpy) throws IOException {
    Path file = dir.resolve(algorithm + (dkimpy ? ".dkimpy" : ".pem"));
    if (algorithm.equals("rsa") || !dkimpy) {
      PrivateKeyFiles.write(
          file, algorithm.equals("rsa") ? rsa.getPrivate() : ed25519.getPrivate());
    } else {
      byte[] pkcs8 = ed25519.getPrivate().getEncoded();
      byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, Base64.getEncoder().encodeToString(seed));
    }
    return file;
  }

  private static void requirePython() throws Exception {
    Peers.require("python3");
    if (run(null, "/usr/bin/python3", "-c", "import dkim, nacl").exit != 0) {
      Peers.policy().missing("python3-dkim (with python3-nacl) is not installed");
    }
  }

  private static void requirePerl() throws Exception {
    Peers.require("perl");
    if (run(null, "perl", "-MMail::DKIM::Verifier", "-e", "1").exit != 0) {
      Peers.policy().missing("Mail::DKIM (libmail-dkim-perl) is not installed");
    }
  }

  record Result(int exit, String output, byte[] stdout) {}

  private static Result run(byte[] stdin, String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    if (stdin != null) {
      process.getOutputStream().write(stdin);
    }
    process.getOutputStream().close();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Thread errors =
        new Thread(
            () -> {
              try {
                process.getErrorStream().transferTo(stderr);
              } catch (IOException e) {
                // the process died; its exit code says so
              }
            });
    errors.start();
    byte[] stdout = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    errors.join();
    String output =
        new String(stdout, StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
    return new Result(process.exitValue(), output, stdout);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] out = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, out, first.length, second.length);
    return out;
  }
}
