package org.postern.common.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Line numbers of the keys and values of a YAML document by JSON pointer, gathered in one streaming
 * pass so error messages can name the line of the offending key.
 */
final class YamlLineIndex {
  private static final YAMLFactory YAML = new YAMLFactory();

  private final Map<String, Integer> lines;

  private YamlLineIndex(Map<String, Integer> lines) {
    this.lines = Map.copyOf(lines);
  }

  /** An index with no lines, for configuration without a file. */
  static YamlLineIndex empty() {
    return new YamlLineIndex(Map.of());
  }

  /** Scans the document; syntax errors surface as the parser's exception. */
  static YamlLineIndex scan(String yaml) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = YAML.createParser(yaml)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        int line = parser.currentTokenLocation().getLineNr();
        JsonStreamContext context = parser.getParsingContext();
        if (token == JsonToken.FIELD_NAME) {
          // The key's own line wins over a block value that starts on the next line.
          lines.put(context.pathAsPointer().toString(), line);
        } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          JsonStreamContext parent = context.getParent();
          if (parent != null) {
            lines.putIfAbsent(parent.pathAsPointer().toString(), line);
          }
        } else if (token.isScalarValue()) {
          lines.putIfAbsent(context.pathAsPointer().toString(), line);
        }
      }
    }
    return new YamlLineIndex(lines);
  }

  /** The line of the pointer, or of its nearest ancestor that has one. */
  Optional<Integer> lineOf(JsonPointer pointer) {
    for (JsonPointer at = pointer; at != null; at = at.head()) {
      Integer line = lines.get(at.toString());
      if (line != null) {
        return Optional.of(line);
      }
      if (at.matches()) {
        break;
      }
    }
    return Optional.empty();
  }
}
