package org.postern.common.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One parsed YAML configuration file with a section per service, bound section by section into
 * immutable records.
 *
 * <p>A config record declares its defaults with a {@code public static T defaults()} method. A
 * section is bound from the defaults, overlaid with the file's section (mappings merge key by key,
 * lists and scalars replace, an empty value keeps the default), overlaid with command-line
 * overrides. Keys are kebab-case record component names ({@code hashLength} is {@code
 * hash-length}). Unknown keys and bad values throw {@link ConfigException} naming the file and
 * line, or the {@code --option}.
 */
public final class ConfigFile {

  private static final ObjectMapper MAPPER = newMapper();
  private static final String NO_FILE = "defaults";

  private final String name;
  private final ObjectNode root;
  private final YamlLineIndex lines;

  private ConfigFile(String name, ObjectNode root, YamlLineIndex lines) {
    this.name = name;
    this.root = root;
    this.lines = lines;
  }

  /** Reads and parses the file once; a syntax error names the file and line. */
  public static ConfigFile load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot read the config file: " + e, e);
    }
    return parse(file.toString(), text);
  }

  /**
   * Parses YAML text; {@code name} is used in error locations, usually the file path.
   *
   * @throws ConfigException on a syntax error or when the top level is not a mapping
   */
  public static ConfigFile parse(String name, String yaml) {
    JsonNode tree;
    YamlLineIndex lines;
    try {
      tree = MAPPER.readTree(yaml);
      lines = YamlLineIndex.scan(yaml);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      String where = location == null ? name : name + ":" + location.getLineNr();
      throw new ConfigException(
          where, "YAML syntax error: " + firstLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new ConfigException(name, "cannot read the config: " + e, e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return new ConfigFile(name, JsonNodeFactory.instance.objectNode(), lines);
    }
    if (!tree.isObject()) {
      throw new ConfigException(
          name + ":1", "the top level must be a mapping of sections, like 'srs:'");
    }
    return new ConfigFile(name, (ObjectNode) tree, lines);
  }

  /** A configuration with no file: every section is its defaults plus overrides. */
  public static ConfigFile empty() {
    return new ConfigFile(NO_FILE, JsonNodeFactory.instance.objectNode(), YamlLineIndex.empty());
  }

  /** The name used in error locations: the file path, or "defaults" without a file. */
  public String name() {
    return name;
  }

  /** The top-level section names present in the file, sorted. */
  public Set<String> sectionNames() {
    Set<String> names = new TreeSet<>();
    root.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Rejects sections nobody reads, which are usually typos of a service name. */
  public void requireKnownSections(Collection<String> known) {
    for (String section : sectionNames()) {
      if (!known.contains(section)) {
        throw new ConfigException(
            locationOf(pointer(List.of(section))),
            "unknown section '" + section + "' (known: " + String.join(", ", known) + ")");
      }
    }
  }

  /** Binds a section without command-line overrides. */
  public <T extends Record> T section(String section, Class<T> type) {
    return section(section, type, Map.of());
  }

  /**
   * Binds a section to a config record.
   *
   * @param section the top-level key, e.g. {@code srs}
   * @param type a record with a {@code public static T defaults()} method
   * @param overrides command-line options by kebab-case name (dots reach into nested records); a
   *     value replaces the key of the same name, and is split at commas when the key is a list
   * @throws ConfigException on unknown keys or bad values
   */
  public <T extends Record> T section(
      String section, Class<T> type, Map<String, String> overrides) {
    ObjectNode merged = MAPPER.valueToTree(defaultsOf(type));
    JsonNode fromFile = root.get(section);
    if (fromFile != null && !fromFile.isNull()) {
      if (!fromFile.isObject()) {
        throw new ConfigException(
            locationOf(pointer(List.of(section))),
            "section '" + section + "' must be a mapping of keys, not " + fromFile.getNodeType());
      }
      overlay(merged, (ObjectNode) fromFile);
    }
    Map<List<String>, String> overridden = new LinkedHashMap<>();
    for (Map.Entry<String, String> override : new TreeMap<>(overrides).entrySet()) {
      List<String> keyPath = List.of(override.getKey().split("\\.", -1));
      applyOverride(merged, keyPath, override.getValue());
      overridden.put(keyPath, override.getKey());
    }
    try {
      return MAPPER.treeToValue(merged, type);
    } catch (JsonMappingException e) {
      throw new BindingFailure(section, merged, overridden).explain(e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(name, "cannot bind section '" + section + "': " + e, e);
    }
  }

  private static <T> T defaultsOf(Class<T> type) {
    try {
      Method defaults = type.getMethod("defaults");
      if (!Modifier.isStatic(defaults.getModifiers()) || defaults.getReturnType() != type) {
        throw new NoSuchMethodException("defaults() must be static and return " + type.getName());
      }
      // Config records of other packages may be package-private; reach their defaults anyway.
      defaults.trySetAccessible();
      return type.cast(defaults.invoke(null));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalArgumentException(
          "config record " + type.getName() + " needs a public static defaults() method", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "defaults() of " + type.getName() + " failed: " + e.getCause(), e.getCause());
    }
  }

  /** Overlays file values onto defaults: mappings merge, anything else replaces, null keeps. */
  private static void overlay(ObjectNode target, ObjectNode source) {
    for (Map.Entry<String, JsonNode> field : source.properties()) {
      JsonNode value = field.getValue();
      JsonNode existing = target.get(field.getKey());
      if (value.isNull()) {
        continue;
      }
      if (value.isObject() && existing != null && existing.isObject()) {
        overlay((ObjectNode) existing, (ObjectNode) value);
      } else {
        target.set(field.getKey(), value.deepCopy());
      }
    }
  }

  private static void applyOverride(ObjectNode target, List<String> keyPath, String value) {
    ObjectNode parent = target;
    for (String key : keyPath.subList(0, keyPath.size() - 1)) {
      JsonNode child = parent.get(key);
      parent = child != null && child.isObject() ? (ObjectNode) child : parent.putObject(key);
    }
    String leaf = keyPath.get(keyPath.size() - 1);
    JsonNode existing = parent.get(leaf);
    if (existing != null && existing.isArray()) {
      ArrayNode items = parent.putArray(leaf);
      for (String item : value.split(",", -1)) {
        if (!item.isBlank()) {
          items.add(item.strip());
        }
      }
    } else {
      parent.set(leaf, TextNode.valueOf(value));
    }
  }

  private String locationOf(JsonPointer pointer) {
    Optional<Integer> line = lines.lineOf(pointer);
    return line.map(number -> name + ":" + number).orElse(name);
  }

  private static JsonPointer pointer(List<String> segments) {
    StringBuilder text = new StringBuilder();
    for (String segment : segments) {
      text.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
    }
    return JsonPointer.compile(text.toString());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }

  private static ObjectMapper newMapper() {
    YAMLMapper mapper =
        YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .addModule(new ConfigModule())
            .build();
    // Strings still coerce to numbers and booleans (command-line values arrive as text), but
    // 1 is not true, 2.5 is not 2 and "" is not 0.
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
      mapper
          .coercionConfigFor(type)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    return mapper;
  }

  /** Turns a Jackson binding error for one section into a {@link ConfigException}. */
  private final class BindingFailure {
    private final String section;
    private final JsonNode merged;
    private final Map<List<String>, String> overridden;

    BindingFailure(String section, JsonNode merged, Map<List<String>, String> overridden) {
      this.section = section;
      this.merged = merged;
      this.overridden = overridden;
    }

    ConfigException explain(JsonMappingException e) {
      List<String> path = new ArrayList<>();
      for (JsonMappingException.Reference reference : e.getPath()) {
        path.add(
            reference.getFieldName() != null
                ? reference.getFieldName()
                : Integer.toString(reference.getIndex()));
      }
      if (e instanceof UnrecognizedPropertyException unknown) {
        List<String> parent = path.subList(0, Math.max(0, path.size() - 1));
        Class<?> owner = unknown.getReferringClass();
        List<String> known =
            owner != null && owner.isRecord()
                ? ExpectedValue.keysOf(owner)
                : unknown.getKnownPropertyIds().stream().map(String::valueOf).toList();
        String where =
            parent.isEmpty() ? "section '" + section + "'" : "'" + displayKey(parent) + "'";
        return failure(
            path,
            "unknown key '"
                + unknown.getPropertyName()
                + "' in "
                + where
                + " (known: "
                + String.join(", ", known)
                + ")",
            e);
      }
      IllegalArgumentException invalid = findCause(e, IllegalArgumentException.class);
      if (e instanceof ValueInstantiationException && invalid != null) {
        if (invalid instanceof InvalidSettingException setting) {
          List<String> keyPath = new ArrayList<>(path);
          keyPath.add(setting.key());
          return failure(keyPath, badValue(keyPath) + invalid.getMessage(), e);
        }
        return failure(path, "invalid '" + displayKey(path) + "': " + invalid.getMessage(), e);
      }
      if (invalid != null) {
        return failure(
            path, "bad value for '" + displayKey(path) + "': " + invalid.getMessage(), e);
      }
      InputCoercionException outOfRange = findCause(e, InputCoercionException.class);
      if (outOfRange != null) {
        return failure(
            path,
            badValue(path)
                + "expected "
                + ExpectedValue.describe(outOfRange.getTargetType())
                + " in range",
            e);
      }
      if (e instanceof MismatchedInputException mismatch) {
        return failure(
            path,
            badValue(path) + "expected " + ExpectedValue.describe(mismatch.getTargetType()),
            e);
      }
      return failure(path, badValue(path) + firstLine(e.getOriginalMessage()), e);
    }

    private String badValue(List<String> path) {
      JsonNode value = merged.at(pointer(path));
      String quoted =
          value.isMissingNode() ? "" : "'" + (value.isValueNode() ? value.asText() : value) + "' ";
      return "bad value " + quoted + "for '" + displayKey(path) + "': ";
    }

    private ConfigException failure(List<String> path, String problem, Exception cause) {
      for (Map.Entry<List<String>, String> override : overridden.entrySet()) {
        List<String> keyPath = override.getKey();
        if (path.size() >= keyPath.size() && path.subList(0, keyPath.size()).equals(keyPath)) {
          return new ConfigException("--" + override.getValue(), problem, cause);
        }
      }
      List<String> inFile = new ArrayList<>();
      inFile.add(section);
      inFile.addAll(path);
      // A record-level validation error may come from options that set keys inside it.
      List<String> optionsInside = new ArrayList<>();
      overridden.forEach(
          (keyPath, option) -> {
            if (keyPath.size() > path.size() && keyPath.subList(0, path.size()).equals(path)) {
              optionsInside.add("--" + option);
            }
          });
      if (optionsInside.isEmpty()) {
        return new ConfigException(locationOf(pointer(inFile)), problem, cause);
      }
      String options = String.join(", ", optionsInside);
      String location =
          lines
              .lineOf(pointer(inFile))
              .map(line -> name + ":" + line + " and " + options)
              .orElse(options);
      return new ConfigException(location, problem, cause);
    }

    private String displayKey(List<String> path) {
      StringBuilder key = new StringBuilder(section);
      for (String segment : path) {
        if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
          key.append('[').append(segment).append(']');
        } else {
          key.append('.').append(segment);
        }
      }
      return key.toString();
    }
  }

  private static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
    for (Throwable at = error; at != null; at = at.getCause()) {
      if (type.isInstance(at)) {
        return type.cast(at);
      }
      if (at.getCause() == at) {
        break;
      }
    }
    return null;
  }
}
