package org.postern.sieve.testsuite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postern.sieve.extlists.ExternalList;
import org.postern.sieve.extlists.ExternalListException;
import org.postern.sieve.extlists.ExternalLists;
import org.postern.sieve.extlists.InvalidListNameException;

/**
 * Pigeonhole's {@code sieve_extlists_list} settings as its testsuite writes them: a list without a
 * dict is empty, a {@code file} dict holds key and value lines where a member's key is {@code
 * priv/sieve/extlists/<escaped value>}.
 */
final class DictFileLists {

  private static final String KEY_PREFIX = "priv/sieve/extlists/";

  private DictFileLists() {}

  /** The lists the settings configure (only the default address book when none). */
  static ExternalLists fromSettings(Map<String, String> config) {
    String names = config.get("sieve_extlists_list");
    if (names == null || names.isBlank()) {
      return ExternalLists.none();
    }
    Map<String, ExternalList> lists = new LinkedHashMap<>();
    for (String id : names.trim().split("\\s+")) {
      String prefix = "sieve_extlists_list/" + id + "/";
      String name = config.getOrDefault(prefix + "name", id);
      String path = config.get(prefix + "dict/file/path");
      lists.put(name, path == null ? ExternalList.EMPTY : fileList(Path.of(path)));
    }
    try {
      return ExternalLists.of(lists);
    } catch (InvalidListNameException e) {
      throw new IllegalArgumentException("sieve_extlists_list: " + e.getMessage(), e);
    }
  }

  /** Read on first lookup, as Pigeonhole opens a list's dict only when a match needs it. */
  private static ExternalList fileList(Path file) {
    return value -> {
      try {
        return members(file).contains(value);
      } catch (IOException e) {
        throw new ExternalListException("cannot read dict file " + file, e);
      }
    };
  }

  private static List<String> members(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> members = new ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i += 2) {
      if (lines.get(i).startsWith(KEY_PREFIX)) {
        members.add(unescape(lines.get(i).substring(KEY_PREFIX.length())));
      }
    }
    return members;
  }

  /** Dovecot's dict key escaping: {@code \|} is '/', a backslash escapes the next character. */
  private static String unescape(String key) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\\' && i + 1 < key.length()) {
        char next = key.charAt(++i);
        out.append(next == '|' ? '/' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
