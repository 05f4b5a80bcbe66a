package org.postern.dkim.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Serves fixed TXT records instead of DNS: for tests, the Mail::DKIM corpus and {@code postern dkim
 * verify --dns-file}. The file format is one record a line, {@code name value...}, {@code #}
 * comments; a name listed twice has two records.
 */
public final class StaticKeyLookup implements KeyLookup {
  private final Map<String, List<String>> records;

  /** Serves the given records (name → record texts). */
  public StaticKeyLookup(Map<String, List<String>> records) {
    Map<String, List<String>> copy = new HashMap<>();
    records.forEach((name, texts) -> copy.put(normalise(name), List.copyOf(texts)));
    this.records = Map.copyOf(copy);
  }

  /** Reads a file of {@code name value} lines. */
  public static StaticKeyLookup fromFile(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
  }

  /** Parses {@code name value} lines; a value in double quotes has its quoted strings joined. */
  public static StaticKeyLookup parse(String text) {
    Map<String, List<String>> records = new HashMap<>();
    for (String line : text.split("\r?\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int space = indexOfWhitespace(trimmed);
      String name = space < 0 ? trimmed : trimmed.substring(0, space);
      String value = space < 0 ? "" : trimmed.substring(space).strip();
      records.computeIfAbsent(normalise(name), key -> new ArrayList<>()).add(unquote(value));
    }
    return new StaticKeyLookup(records);
  }

  @Override
  public CompletionStage<TxtRecords> lookupTxt(String name) {
    List<String> texts = records.getOrDefault(normalise(name), List.of());
    return CompletableFuture.completedFuture(new TxtRecords(texts, Duration.ofMinutes(5)));
  }

  private static String normalise(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private static int indexOfWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code "a" "b"} → {@code ab}, also inside zone-file syntax ({@code IN TXT ( "a" "b" )}); a
   * value without quotes is kept as is.
   */
  private static String unquote(String value) {
    if (value.indexOf('"') < 0) {
      return value;
    }
    StringBuilder joined = new StringBuilder();
    boolean inside = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        inside = !inside;
      } else if (inside) {
        joined.append(c);
      }
    }
    return joined.toString();
  }
}
