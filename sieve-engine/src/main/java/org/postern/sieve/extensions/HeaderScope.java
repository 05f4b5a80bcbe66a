package org.postern.sieve.extensions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postern.sieve.message.EncodedWords;
import org.postern.sieve.message.Header;
import org.postern.sieve.mime.ContentType;
import org.postern.sieve.mime.MimePart;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.BoundArguments;
import org.postern.sieve.validation.CompileContext;
import org.postern.sieve.validation.TagSpec;

/**
 * Where header, address and exists read fields: the message header, or with the mime extension's
 * {@code :mime} the current MIME part's header ({@code :anychild}: also its sub-parts'), optionally
 * reduced to a piece of a structured value ({@code :type}, {@code :subtype}, {@code :contenttype},
 * {@code :param}; header only).
 */
record HeaderScope(boolean mime, boolean anyChild, String option, List<SieveString> params) {

  static final HeaderScope MESSAGE = new HeaderScope(false, false, null, List.of());

  /** :mime and :anychild. */
  static List<TagSpec> tags() {
    return List.of(
        new TagSpec("mime", null, "mime", null), new TagSpec("anychild", null, "mime", null));
  }

  /** :type, :subtype, :contenttype, :param (header test only). */
  static List<TagSpec> optionTags() {
    return List.of(
        new TagSpec("type", null, "mime", "mime option"),
        new TagSpec("subtype", null, "mime", "mime option"),
        new TagSpec("contenttype", null, "mime", "mime option"),
        new TagSpec("param", ArgumentKind.STRING_LIST, "mime", "mime option"));
  }

  static HeaderScope of(BoundArguments arguments, CompileContext context) {
    boolean mime = arguments.has("mime");
    String option = null;
    for (String name : List.of("type", "subtype", "contenttype", "param")) {
      if (arguments.has(name)) {
        option = name;
      }
    }
    if (!mime && (arguments.has("anychild") || option != null)) {
      context.error(
          arguments.position(), ":anychild, :type, :subtype, :contenttype and :param need :mime");
    }
    List<SieveString> params =
        arguments.has("param") ? context.strings(arguments.tag("param")) : List.of();
    return mime ? new HeaderScope(true, arguments.has("anychild"), option, params) : MESSAGE;
  }

  /** The decoded values of field {@code name} in scope, reduced by the option. */
  List<String> values(Execution execution, String name) {
    if (!mime) {
      return execution.message().decodedHeaders(name);
    }
    List<MimePart> parts = new ArrayList<>();
    MimePart current = execution.currentPart();
    parts.add(current);
    if (anyChild) {
      descendants(current, parts);
    }
    List<String> values = new ArrayList<>();
    for (MimePart part : parts) {
      for (Header header : part.headers()) {
        if (header.name().equalsIgnoreCase(name)) {
          values.addAll(reduce(EncodedWords.decode(header.value()), execution));
        }
      }
    }
    return values;
  }

  private List<String> reduce(String value, Execution execution) {
    if (option == null) {
      return List.of(value);
    }
    int semicolon = value.indexOf(';');
    String main = (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
    int slash = main.indexOf('/');
    return switch (option) {
      case "type" -> List.of(slash < 0 ? main : main.substring(0, slash));
      case "subtype" -> List.of(slash < 0 ? "" : main.substring(slash + 1));
      case "contenttype" -> List.of(main);
      default -> {
        ContentType parsed =
            ContentType.parse("x/x" + (semicolon < 0 ? "" : value.substring(semicolon)), null);
        List<String> found = new ArrayList<>();
        for (String param : SieveString.evaluateAll(params, execution)) {
          String parameter = parsed.parameters().get(param.toLowerCase(Locale.ROOT));
          if (parameter != null) {
            found.add(parameter);
          }
        }
        yield found;
      }
    };
  }

  /** All parts below {@code part}, depth first. */
  static void descendants(MimePart part, List<MimePart> into) {
    for (MimePart child : part.children()) {
      into.add(child);
      descendants(child, into);
    }
  }
}
