package org.postern.sieve.extensions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;
import org.postern.sieve.validation.TestDefinition;

/**
 * RFC 5173 body test. {@code :raw} matches the undecoded body; {@code :text} (the default) and
 * {@code :content} currently match the body text of a single-part message (MIME part decoding is
 * listed in NOTES.md).
 */
public final class BodyExtension implements SieveExtension {

  @Override
  public String name() {
    return "body";
  }

  @Override
  public void register(Registry registry) {
    List<TagSpec> tags = new ArrayList<>(CommonTags.match());
    tags.add(new TagSpec("raw", null, null, "body transform"));
    tags.add(new TagSpec("text", null, null, "body transform"));
    tags.add(new TagSpec("content", ArgumentKind.STRING_LIST, null, "body transform"));
    registry.test(
        new TestDefinition(
            "body",
            "body",
            new Signature(tags, List.of(ArgumentKind.STRING_LIST), 1),
            (arguments, context) -> {
              Matcher matcher = context.matcher(arguments);
              context.checkRegexKeys(matcher, arguments.positional(0));
              boolean raw = arguments.has("raw");
              List<SieveString> keys = context.strings(arguments.positional(0));
              return execution -> {
                String body =
                    raw
                        ? new String(execution.message().body(), StandardCharsets.ISO_8859_1)
                        : execution.message().bodyText();
                return Matching.test(
                    matcher, List.of(body), SieveString.evaluateAll(keys, execution), execution);
              };
            }));
  }
}
