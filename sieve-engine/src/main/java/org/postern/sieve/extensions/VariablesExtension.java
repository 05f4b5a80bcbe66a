package org.postern.sieve.extensions;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.match.Wildcards;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.runtime.VariableTemplate;
import org.postern.sieve.runtime.Variables;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.ScriptVariables;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;
import org.postern.sieve.validation.TestDefinition;

/** RFC 5229 variables: the set command with its modifiers and the string test. */
public final class VariablesExtension implements SieveExtension {

  @Override
  public String name() {
    return "variables";
  }

  /** The set modifiers, shared with commands that take them (extracttext). */
  static List<TagSpec> modifierTags() {
    return List.of(
        new TagSpec("lower", null, null, "case modifier"),
        new TagSpec("upper", null, null, "case modifier"),
        new TagSpec("lowerfirst", null, null, "first-letter modifier"),
        new TagSpec("upperfirst", null, null, "first-letter modifier"),
        new TagSpec("quotewildcard", null, null, null),
        new TagSpec("length", null, null, null),
        new TagSpec("encodeurl", null, "enotify", null));
  }

  /** Applies set modifiers in RFC 5229 4.1 precedence order (40..10). */
  static String modify(
      String value,
      boolean lower,
      boolean upper,
      boolean lowerFirst,
      boolean upperFirst,
      boolean quote,
      boolean encodeUrl,
      boolean length,
      int maxBytes) {
    String text = value;
    if (lower) {
      text = text.toLowerCase(Locale.ROOT);
    }
    if (upper) {
      text = text.toUpperCase(Locale.ROOT);
    }
    if (lowerFirst && !text.isEmpty()) {
      text = text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
    if (upperFirst && !text.isEmpty()) {
      text = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
    if (quote) {
      // Cut here so the size limit never splits an escape (as Pigeonhole does).
      text = Variables.truncatedEscaped(Wildcards.quote(text), maxBytes, '\\', 1);
    }
    if (encodeUrl) {
      text = percentEncode(text, maxBytes);
    }
    if (length) {
      text = Integer.toString(text.codePointCount(0, text.length()));
    }
    return text;
  }

  /**
   * RFC 5435 :encodeurl (UTF-8 octets other than unreserved URI characters as %XX) with the output
   * cut to {@code maxBytes} between characters of the input, so one character's escapes are never
   * split (as Pigeonhole does).
   */
  static String percentEncode(String text, int maxBytes) {
    StringBuilder out = new StringBuilder();
    StringBuilder unit = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      unit.setLength(0);
      for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        if ((c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9')
            || c == '-'
            || c == '.'
            || c == '_'
            || c == '~') {
          unit.append((char) c);
        } else {
          unit.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
        }
      }
      if ((long) out.length() + unit.length() > maxBytes) {
        break;
      }
      out.append(unit);
    }
    return out.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  @Override
  public void register(Registry registry) {
    registry.command(
        new CommandDefinition(
            "set",
            "variables",
            new Signature(modifierTags(), List.of(ArgumentKind.STRING, ArgumentKind.STRING), 2),
            (arguments, context) -> {
              String name = context.literal(arguments.positional(0));
              if (!VariableTemplate.isVariableName(name) || Character.isDigit(name.charAt(0))) {
                context.error(
                    arguments.positional(0).position(),
                    "'"
                        + name
                        + "' is not a valid variable name (letters, digits, '_', not starting with a digit)");
              } else if (context.checkVariableName(name, arguments.positional(0).position(), true)
                  && !name.contains(".")) {
                ScriptVariables declared = ScriptVariables.of(context);
                // Reported once, when the count first goes over the limit, as in Pigeonhole.
                if (declared.set(name.toLowerCase(Locale.ROOT))
                    && declared.localCount() == context.limits().maxVariableCount() + 1) {
                  context.error(
                      arguments.positional(0).position(),
                      "too many variables: a script may set at most "
                          + context.limits().maxVariableCount()
                          + " different variables");
                }
              }
              String variable = name.toLowerCase(Locale.ROOT);
              SieveString value = context.string(arguments.positional(1));
              boolean lower = arguments.has("lower");
              boolean upper = arguments.has("upper");
              boolean lowerFirst = arguments.has("lowerfirst");
              boolean upperFirst = arguments.has("upperfirst");
              boolean quote = arguments.has("quotewildcard");
              boolean encodeUrl = arguments.has("encodeurl");
              boolean length = arguments.has("length");
              return execution -> {
                String text =
                    modify(
                        value.evaluate(execution),
                        lower,
                        upper,
                        lowerFirst,
                        upperFirst,
                        quote,
                        encodeUrl,
                        length,
                        execution.variables().maxSize());
                execution.variables().set(variable, text);
                return true;
              };
            }));
    registry.test(
        new TestDefinition(
            "string",
            "variables",
            new Signature(
                CommonTags.match(), List.of(ArgumentKind.STRING_LIST, ArgumentKind.STRING_LIST), 2),
            (arguments, context) -> {
              Matcher matcher = context.matcher(arguments);
              context.checkRegexKeys(matcher, arguments.positional(1));
              List<SieveString> sources = context.strings(arguments.positional(0));
              List<SieveString> keys = context.strings(arguments.positional(1));
              boolean counting = matcher.kind() == org.postern.sieve.match.MatchKind.COUNT;
              return execution -> {
                List<String> values = SieveString.evaluateAll(sources, execution);
                if (counting) {
                  // RFC 5229 5: empty strings are not counted.
                  values = values.stream().filter(v -> !v.isEmpty()).toList();
                }
                return Matching.test(
                    matcher, values, SieveString.evaluateAll(keys, execution), execution);
              };
            }));
  }
}
