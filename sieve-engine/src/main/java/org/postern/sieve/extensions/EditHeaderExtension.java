package org.postern.sieve.extensions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.postern.sieve.match.MatchCaptures;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.message.EncodedWords;
import org.postern.sieve.message.Header;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.parser.Argument;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRuntimeException;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.CompileContext;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;

/**
 * RFC 5293 editheader: {@code addheader [:last] name value} and {@code deleteheader [:index n
 * [:last]] [COMPARATOR] [MATCH-TYPE] name [value-patterns]}. Edits change the message later tests
 * read and later actions deliver; protected fields (see {@link EditHeaderSettings}) are left alone
 * without an error, as Pigeonhole does.
 */
public final class EditHeaderExtension implements SieveExtension {

  private static final String NAME = "editheader";

  private final Supplier<EditHeaderSettings> settings;

  /** Editheader with Pigeonhole's default settings. */
  public EditHeaderExtension() {
    this(EditHeaderSettings.defaults());
  }

  /** Editheader with fixed site settings. */
  public EditHeaderExtension(EditHeaderSettings settings) {
    this(() -> settings);
  }

  /**
   * Editheader reading its settings when a script is compiled and again when it runs, so a
   * configuration reload applies to programs already compiled.
   */
  public EditHeaderExtension(Supplier<EditHeaderSettings> settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void register(Registry registry) {
    registry.command(
        new CommandDefinition(
            "addheader",
            NAME,
            new Signature(
                List.of(TagSpec.flag("last")),
                List.of(ArgumentKind.STRING, ArgumentKind.STRING),
                2),
            this::compileAdd));
    List<TagSpec> deleteTags = new ArrayList<>(CommonTags.match());
    deleteTags.add(new TagSpec("index", ArgumentKind.NUMBER, null, null));
    deleteTags.add(TagSpec.flag("last"));
    registry.command(
        new CommandDefinition(
            "deleteheader",
            NAME,
            new Signature(deleteTags, List.of(ArgumentKind.STRING, ArgumentKind.STRING_LIST), 1),
            this::compileDelete));
  }

  private org.postern.sieve.runtime.ExecutableCommand compileAdd(
      org.postern.sieve.validation.BoundArguments arguments, CompileContext context) {
    boolean last = arguments.has("last");
    SieveString name = fieldName(arguments.positional(0), context);
    Argument valueArgument = arguments.positional(1);
    SieveString value = context.string(valueArgument);
    if (value.constant() != null) {
      String problem = valueProblem(value.constant());
      if (problem != null) {
        context.error(valueArgument.position(), problem);
      } else if (hasControlCharacter(value.constant())) {
        // As in Pigeonhole: allowed (RFC 5322 obs-text), but likely a mistake.
        context.warning(
            valueArgument.position(),
            "header value contains control characters other than line breaks and tabs");
      }
    }
    return execution -> {
      String field = checkedName(name.evaluate(execution));
      String text = value.evaluate(execution);
      String problem = valueProblem(text);
      if (problem != null) {
        throw new SieveRuntimeException("addheader: " + problem);
      }
      if (settings.get().mayAdd(field)) {
        execution.editMessage(execution.message().withHeaderAdded(field, text, last));
      } else {
        execution.log().add("addheader: field '" + field + "' is protected; not added");
      }
      return true;
    };
  }

  private org.postern.sieve.runtime.ExecutableCommand compileDelete(
      org.postern.sieve.validation.BoundArguments arguments, CompileContext context) {
    boolean last = arguments.has("last");
    if (last && !arguments.has("index")) {
      context.error(
          arguments.position(),
          "deleteheader: the :last tag cannot be specified without the :index tag");
      return execution -> true;
    }
    long index = arguments.has("index") ? context.number(arguments.tag("index")) : 0;
    if (arguments.has("index") && index < 1) {
      context.error(arguments.tag("index").position(), "deleteheader :index counts from 1");
    }
    SieveString name = fieldName(arguments.positional(0), context);
    Matcher matcher = context.matcher(arguments);
    Argument patternArgument = arguments.positional(1);
    List<SieveString> patterns = patternArgument == null ? null : context.strings(patternArgument);
    if (patternArgument != null) {
      context.checkRegexKeys(matcher, patternArgument);
    }
    return execution -> {
      String field = checkedName(name.evaluate(execution));
      if (!settings.get().mayDelete(field)) {
        execution.log().add("deleteheader: field '" + field + "' is protected; not deleted");
        return true;
      }
      List<String> keys = patterns == null ? null : SieveString.evaluateAll(patterns, execution);
      SieveMessage message = execution.message();
      execution.editMessage(
          message.withHeadersRemoved(
              doomed(message, field, (int) index, last, matcher, keys, execution)));
      return true;
    };
  }

  /** Positions in the header of the fields deleteheader removes. */
  private static Set<Integer> doomed(
      SieveMessage message,
      String field,
      int index,
      boolean last,
      Matcher matcher,
      List<String> keys,
      Execution execution)
      throws SieveRuntimeException {
    List<Header> headers = message.headers();
    List<Integer> named = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).name().equalsIgnoreCase(field)) {
        named.add(i);
      }
    }
    if (index > 0) {
      if (index > named.size()) {
        return Set.of();
      }
      named = List.of(named.get(last ? named.size() - index : index - 1));
    }
    Set<Integer> positions = new HashSet<>();
    for (int position : named) {
      if (keys == null) {
        positions.add(position);
        continue;
      }
      String value = EncodedWords.decode(headers.get(position).value());
      if (matcher.test(List.of(value), keys, MatchCaptures.NONE, Matching.invalidKeys(execution))) {
        positions.add(position);
      }
    }
    return positions;
  }

  private static SieveString fieldName(Argument argument, CompileContext context) {
    SieveString name = context.string(argument);
    if (name.constant() != null && !validName(name.constant())) {
      context.error(argument.position(), invalidName(name.constant()));
    }
    return name;
  }

  private static String checkedName(String name) throws SieveRuntimeException {
    if (!validName(name)) {
      throw new SieveRuntimeException(invalidName(name));
    }
    return name;
  }

  private static String invalidName(String name) {
    return "specified field name '"
        + name
        + "' is invalid: use printable ASCII without ':' or space";
  }

  /** RFC 5322 field-name: one or more printable US-ASCII characters except ':'. */
  static boolean validName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 33 || c > 126 || c == ':') {
        return false;
      }
    }
    return true;
  }

  private static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private String valueProblem(String value) {
    if (value.indexOf('\0') >= 0) {
      return "specified value '" + value.replace('\0', '?') + "' is invalid: it contains a NUL";
    }
    int size = value.getBytes(StandardCharsets.UTF_8).length;
    if (size > settings.get().maxHeaderSize()) {
      return "header value is "
          + size
          + " bytes, over the limit of "
          + settings.get().maxHeaderSize()
          + " (sieve_editheader_max_header_size)";
    }
    return null;
  }
}
