package org.postern.common.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.postern.common.address.ListenAddress;

/** Describes, for error messages, what a config value of a given Java type must look like. */
final class ExpectedValue {
  private static final PropertyNamingStrategies.NamingBase KEBAB =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.KEBAB_CASE;

  private ExpectedValue() {}

  /** A phrase such as "an integer" or "one of: dunno, defer". */
  static String describe(Class<?> type) {
    if (type == null) {
      return "a different value";
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class
        || type == byte.class
        || type == Byte.class) {
      return "an integer";
    }
    if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of: "
          + Arrays.stream(type.getEnumConstants())
              .map(constant -> ConfigModule.enumText((Enum<?>) constant))
              .collect(Collectors.joining(", "));
    }
    if (type == Duration.class) {
      return DurationText.EXPECTED_FORM;
    }
    if (type == ByteSize.class) {
      return ByteSize.EXPECTED_FORM;
    }
    if (ListenAddress.class.isAssignableFrom(type)) {
      return "an address: " + ListenAddress.EXPECTED_FORMS;
    }
    if (Path.class.isAssignableFrom(type)) {
      return "a file path";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "a mapping";
    }
    if (type.isRecord()) {
      return "a mapping with keys: " + String.join(", ", keysOf(type));
    }
    return "a " + type.getSimpleName();
  }

  /** The kebab-case keys of a config record, in declaration order. */
  static List<String> keysOf(Class<?> recordType) {
    return Arrays.stream(recordType.getRecordComponents())
        .map(component -> KEBAB.translate(component.getName()))
        .collect(Collectors.toList());
  }
}
