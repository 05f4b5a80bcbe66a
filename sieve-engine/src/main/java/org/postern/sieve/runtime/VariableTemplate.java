package org.postern.sieve.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A string containing {@code ${name}} or {@code ${N}} references (RFC 5229 section 3). Text that
 * looks like a reference but is not a valid name stays literal.
 */
public final class VariableTemplate implements SieveString {

  private final List<Object> parts;

  private VariableTemplate(List<Object> parts) {
    this.parts = List.copyOf(parts);
  }

  /** Compiles {@code text}; returns a constant when it contains no reference. */
  public static SieveString compile(String text) {
    return compile(text, namespace -> null);
  }

  /**
   * Compiles {@code text}, reading references to {@code namespace.name} variables through the
   * namespace {@code namespaces} returns for them (references to unknown namespaces read the run's
   * own variables; the compiler reports them).
   */
  public static SieveString compile(
      String text, java.util.function.Function<String, VariableNamespace> namespaces) {
    List<Object> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    boolean anyReference = false;
    while (i < text.length()) {
      int start = text.indexOf("${", i);
      if (start < 0) {
        literal.append(text, i, text.length());
        break;
      }
      literal.append(text, i, start);
      int end = text.indexOf('}', start + 2);
      if (end < 0) {
        literal.append(text, start, text.length());
        break;
      }
      String name = text.substring(start + 2, end);
      // "${${a}}": the inner reference starts later; keep "${" literal and rescan.
      if (isVariableName(name)) {
        if (literal.length() > 0) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.indexOf('.');
        VariableNamespace namespace = dot < 0 ? null : namespaces.apply(lower.substring(0, dot));
        parts.add(
            namespace == null
                ? new Reference(lower)
                : new NamespacedReference(namespace, lower.substring(dot + 1)));
        anyReference = true;
        i = end + 1;
      } else {
        literal.append("${");
        i = start + 2;
      }
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    if (!anyReference) {
      return SieveString.of(text);
    }
    return new VariableTemplate(parts);
  }

  /** Whether {@code name} is a variable name or a match index (RFC 5229 section 3). */
  public static boolean isVariableName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    if (Character.isDigit(name.charAt(0))) {
      for (int i = 0; i < name.length(); i++) {
        if (!Character.isDigit(name.charAt(i)) || name.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }
    for (String part : name.split("\\.", -1)) {
      if (part.isEmpty() || Character.isDigit(part.charAt(0))) {
        return false;
      }
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        if (!((c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9')
            || c == '_')) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public String evaluate(Execution execution) {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Reference reference) {
        out.append(execution.variables().value(reference.name()));
      } else if (part instanceof NamespacedReference reference) {
        out.append(reference.namespace().value(reference.name(), execution));
      } else {
        out.append((String) part);
      }
    }
    return out.toString();
  }

  @Override
  public String constant() {
    return null;
  }

  /**
   * The names of the variables {@code text} refers to, in order, as written (match indexes
   * included), so a compiler can check them.
   */
  public static List<String> references(String text) {
    List<String> names = new ArrayList<>();
    int i = 0;
    while (true) {
      int start = text.indexOf("${", i);
      if (start < 0) {
        return names;
      }
      int end = text.indexOf('}', start + 2);
      if (end < 0) {
        return names;
      }
      String name = text.substring(start + 2, end);
      if (isVariableName(name)) {
        names.add(name);
        i = end + 1;
      } else {
        i = start + 2;
      }
    }
  }

  private record Reference(String name) {}

  private record NamespacedReference(VariableNamespace namespace, String name) {}
}
