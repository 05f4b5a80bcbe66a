package org.postern.sieve.extensions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postern.sieve.mime.MimePart;
import org.postern.sieve.mime.MimeText;
import org.postern.sieve.runtime.SieveRuntimeException;
import org.postern.sieve.runtime.VariableTemplate;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;

/**
 * RFC 5703 extracttext: {@code extracttext [MODIFIER] [:first n] varname} stores the visible text
 * of the current foreverypart part (empty for multiparts and non-text parts) in a variable.
 */
public final class ExtractTextExtension implements SieveExtension {

  @Override
  public String name() {
    return "extracttext";
  }

  @Override
  public java.util.Set<String> needs() {
    return java.util.Set.of("variables", "foreverypart");
  }

  @Override
  public void register(Registry registry) {
    List<TagSpec> tags = new ArrayList<>(VariablesExtension.modifierTags());
    tags.add(new TagSpec("first", ArgumentKind.NUMBER, null, null));
    registry.command(
        new CommandDefinition(
            "extracttext",
            "extracttext",
            new Signature(tags, List.of(ArgumentKind.STRING), 1),
            (arguments, context) -> {
              if (context.enclosingCommands().stream()
                  .noneMatch(command -> command.name().equalsIgnoreCase("foreverypart"))) {
                context.error(
                    arguments.position(), "extracttext is only allowed inside foreverypart");
              }
              String name = context.literal(arguments.positional(0));
              if (!VariableTemplate.isVariableName(name) || Character.isDigit(name.charAt(0))) {
                context.error(
                    arguments.positional(0).position(),
                    "'" + name + "' is not a valid variable name");
              }
              String variable = name.toLowerCase(Locale.ROOT);
              long first = arguments.has("first") ? context.number(arguments.tag("first")) : -1;
              boolean lower = arguments.has("lower");
              boolean upper = arguments.has("upper");
              boolean lowerFirst = arguments.has("lowerfirst");
              boolean upperFirst = arguments.has("upperfirst");
              boolean quote = arguments.has("quotewildcard");
              boolean encodeUrl = arguments.has("encodeurl");
              boolean length = arguments.has("length");
              return execution -> {
                if (!execution.inPartLoop()) {
                  throw new SieveRuntimeException("extracttext used outside foreverypart");
                }
                MimePart part = execution.currentPart();
                String text =
                    part.isMultipart()
                            || !part.contentType().isText()
                            || part.decodedContent() == null
                        ? ""
                        : MimeText.visible(part);
                if (first >= 0 && text.length() > first) {
                  text = text.substring(0, (int) first);
                }
                execution
                    .variables()
                    .set(
                        variable,
                        VariablesExtension.modify(
                            text,
                            lower,
                            upper,
                            lowerFirst,
                            upperFirst,
                            quote,
                            encodeUrl,
                            length,
                            execution.variables().maxSize()));
                return true;
              };
            }));
  }
}
