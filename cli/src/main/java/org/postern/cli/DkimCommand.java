package org.postern.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.postern.dkim.canonicalization.Canonicalization;
import org.postern.dkim.dns.CachingKeyLookup;
import org.postern.dkim.dns.DnsKeyLookup;
import org.postern.dkim.dns.KeyLookup;
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

/** {@code postern dkim keygen|sign|verify}: keys and DNS records, one-shot signing and checking. */
final class DkimCommand implements Command {
  private final Supplier<InputStream> stdin;

  DkimCommand() {
    this(() -> System.in);
  }

  /** With another standard input (tests). */
  DkimCommand(Supplier<InputStream> stdin) {
    this.stdin = stdin;
  }

  @Override
  public String name() {
    return "dkim";
  }

  @Override
  public String summary() {
    return "make a DKIM key and its DNS record; sign or verify a message on stdin";
  }

  @Override
  public String arguments() {
    return "keygen|sign|verify";
  }

  @Override
  public Options options() {
    Options options = new Options();
    options.addOption(argument("domain", "D", "signing domain (keygen, sign)"));
    options.addOption(argument("selector", "S", "selector (keygen, sign)"));
    options.addOption(argument("algorithm", "ALG", "keygen: rsa (default) or ed25519"));
    options.addOption(argument("bits", "N", "keygen: RSA key size (default 2048)"));
    options.addOption(argument("out", "DIR", "keygen: directory for SELECTOR.private/.txt"));
    options.addOption(argument("key", "FILE", "sign: private key file (mode 0600)"));
    options.addOption(
        argument("canonicalization", "H/B", "sign: relaxed/relaxed (default), simple/simple..."));
    options.addOption(
        argument("dns-file", "FILE", "verify: 'name TXT-value' lines to use instead of DNS"));
    return options;
  }

  private static Option argument(String name, String argName, String description) {
    return Option.builder().longOpt(name).hasArg().argName(argName).desc(description).get();
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws Exception {
    List<String> arguments = line.getArgList();
    if (arguments.size() != 1) {
      throw new UsageException("dkim needs one of keygen, sign, verify");
    }
    switch (arguments.get(0)) {
      case "keygen":
        return keygen(line, terminal);
      case "sign":
        return sign(line, terminal);
      case "verify":
        return verify(line, terminal);
      default:
        throw new UsageException("unknown dkim action '" + arguments.get(0) + "'");
    }
  }

  private int keygen(CommandLine line, Terminal terminal) throws Exception {
    String domain = required(line, "domain");
    String selector = required(line, "selector");
    Path out = Path.of(required(line, "out"));
    String algorithm = line.getOptionValue("algorithm", "rsa").toLowerCase(Locale.ROOT);
    KeyPair pair;
    switch (algorithm) {
      case "rsa":
        int bits = bits(line.getOptionValue("bits", "2048"));
        pair = generate("RSA", bits);
        break;
      case "ed25519":
        pair = generate("Ed25519", 0);
        break;
      default:
        throw new UsageException("--algorithm must be rsa or ed25519");
    }
    Files.createDirectories(out);
    Path privateFile = out.resolve(selector + ".private");
    PrivateKeyFiles.write(privateFile, pair.getPrivate());
    String zoneLine = DnsRecordText.zoneLine(selector, domain, pair.getPublic());
    Files.writeString(out.resolve(selector + ".txt"), zoneLine + "\n", StandardCharsets.US_ASCII);
    terminal.err().println("private key written to " + privateFile + " (mode 0600)");
    terminal.out().println(zoneLine);
    return Main.OK;
  }

  private int sign(CommandLine line, Terminal terminal) throws Exception {
    String domain = required(line, "domain");
    String selector = required(line, "selector");
    Path keyFile = Path.of(required(line, "key"));
    Canonicalization[] canonicalization =
        canonicalization(line.getOptionValue("canonicalization", "relaxed/relaxed"));
    DkimSigner signer =
        DkimSigner.builder()
            .key(SigningKey.of(domain, selector, PrivateKeyFiles.load(keyFile)))
            .canonicalization(canonicalization[0], canonicalization[1])
            .build();
    // The CLI must echo the message after the signature, so it holds it once in memory.
    byte[] message = stdin.get().readAllBytes();
    ByteArrayInputStream in = new ByteArrayInputStream(message);
    SigningSession session = signer.newSession();
    session.headers(MessageReader.readHeaders(in));
    session.body(in.readAllBytes());
    String lineEnd = usesBareLineFeeds(message) ? "\n" : "\r\n";
    for (HeaderField signature : session.finish()) {
      terminal.out().write(bytes(signature, lineEnd));
    }
    terminal.out().write(message);
    terminal.out().flush();
    return Main.OK;
  }

  private int verify(CommandLine line, Terminal terminal) throws Exception {
    KeyLookup lookup =
        line.hasOption("dns-file")
            ? StaticKeyLookup.fromFile(Path.of(line.getOptionValue("dns-file")))
            : new CachingKeyLookup(new DnsKeyLookup(), 1000, java.time.Duration.ofHours(1));
    List<DkimResult> results =
        DkimVerifier.builder(lookup)
            .build()
            .verify(new BufferedInputStream(stdin.get()))
            .toCompletableFuture()
            .get();
    boolean anyPass = false;
    for (DkimResult result : results) {
      anyPass |= result.status() == DkimStatus.PASS;
      terminal
          .out()
          .println(
              result.status().keyword()
                  + " d="
                  + orDash(result.domain())
                  + " s="
                  + orDash(result.selector())
                  + " a="
                  + result.algorithm().map(algorithm -> algorithm.tagValue()).orElse("-")
                  + (result.reason().isEmpty() ? "" : " reason=\"" + result.reason() + "\""));
    }
    return anyPass ? Main.OK : Main.FAILURE;
  }

  private static byte[] bytes(HeaderField field, String lineEnd) {
    String raw = field.raw().replace("\r\n", lineEnd) + lineEnd;
    return raw.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean usesBareLineFeeds(byte[] message) {
    for (int i = 0; i < message.length; i++) {
      if (message[i] == '\n') {
        return i == 0 || message[i - 1] != '\r';
      }
    }
    return false;
  }

  private static String orDash(String text) {
    return text.isEmpty() ? "-" : text;
  }

  private static String required(CommandLine line, String option) throws UsageException {
    String value = line.getOptionValue(option);
    if (value == null || value.isBlank()) {
      throw new UsageException("--" + option + " is required");
    }
    return value;
  }

  private static int bits(String text) throws UsageException {
    try {
      int bits = Integer.parseInt(text);
      if (bits < 1024 || bits > 8192) {
        throw new UsageException("--bits must be between 1024 and 8192");
      }
      return bits;
    } catch (NumberFormatException e) {
      throw new UsageException("--bits must be a number");
    }
  }

  private static Canonicalization[] canonicalization(String text) throws UsageException {
    String[] parts = text.split("/", -1);
    try {
      Canonicalization header = Canonicalization.parse(parts[0]);
      Canonicalization body = parts.length > 1 ? Canonicalization.parse(parts[1]) : header;
      return new Canonicalization[] {header, body};
    } catch (IllegalArgumentException e) {
      throw new UsageException("--canonicalization: " + e.getMessage());
    }
  }

  private static KeyPair generate(String algorithm, int bits) throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (bits > 0) {
      generator.initialize(bits);
    }
    return generator.generateKeyPair();
  }
}
