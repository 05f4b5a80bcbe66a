package org.postern.sieve.extensions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.mime.ContentType;
import org.postern.sieve.mime.MimeParser;
import org.postern.sieve.mime.MimePart;
import org.postern.sieve.mime.MimeText;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;
import org.postern.sieve.validation.TestDefinition;

/**
 * RFC 5173 body test. {@code :raw} matches the undecoded body; {@code :text} (the default) matches
 * the decoded text of every text part (markup stripped from HTML), descending into multiparts and
 * attached messages; {@code :content} matches the decoded content of the parts whose type matches
 * one of its types. A message without a body matches nothing.
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
              List<SieveString> types =
                  arguments.has("content") ? context.strings(arguments.tag("content")) : null;
              List<SieveString> keys = context.strings(arguments.positional(0));
              return execution -> {
                SieveMessage message = execution.message();
                List<String> values = new ArrayList<>();
                if (message.bodyLength() > 0) {
                  if (raw) {
                    values.add(new String(message.body(), StandardCharsets.ISO_8859_1));
                  } else if (types != null) {
                    List<String> wanted = SieveString.evaluateAll(types, execution);
                    collectContent(MimeParser.parse(message), wanted, values);
                  } else {
                    collectText(MimeParser.parse(message), values);
                  }
                }
                return Matching.testKeepingMatches(
                    matcher, values, SieveString.evaluateAll(keys, execution), execution);
              };
            }));
  }

  /** The visible text of every text leaf part, in order. */
  static void collectText(MimePart part, List<String> values) {
    if (part.children().isEmpty()) {
      if (!part.isMultipart() && part.contentType().isText() && part.decodedContent() != null) {
        values.add(MimeText.visible(part));
      }
      return;
    }
    for (MimePart child : part.children()) {
      collectText(child, values);
    }
  }

  /** The content of every part whose type matches one of {@code wanted} (RFC 5173 5.2). */
  static void collectContent(MimePart part, List<String> wanted, List<String> values) {
    if (wanted.stream().anyMatch(type -> typeMatches(type, part.contentType()))) {
      byte[] decoded = part.decodedContent();
      if (decoded == null) {
        // Unknown transfer encoding: the content cannot be read, so it matches nothing.
      } else if (part.isMessage()) {
        values.add(rawHeader(new String(part.content(), StandardCharsets.ISO_8859_1)));
      } else if (part.isMultipart()) {
        values.add(new String(part.content(), StandardCharsets.ISO_8859_1));
      } else if (part.contentType().isText()) {
        values.add(part.text());
      } else {
        values.add(new String(decoded, StandardCharsets.ISO_8859_1));
      }
    }
    for (MimePart child : part.children()) {
      collectContent(child, wanted, values);
    }
  }

  /** The header of an encapsulated message as written, folded lines and line ends included. */
  private static String rawHeader(String message) {
    int end = 0;
    while (end < message.length()) {
      int lineEnd = message.indexOf('\n', end);
      if (lineEnd < 0) {
        return message;
      }
      String line = message.substring(end, lineEnd);
      if (line.isEmpty() || line.equals("\r")) {
        break;
      }
      end = lineEnd + 1;
    }
    return message.substring(0, end);
  }

  /** "" matches all, "type" a type, "type/subtype" one type; other forms match nothing. */
  static boolean typeMatches(String wanted, ContentType type) {
    String lower = wanted.toLowerCase(Locale.ROOT);
    if (lower.isEmpty()) {
      return true;
    }
    int slash = lower.indexOf('/');
    if (slash < 0) {
      return lower.equals(type.type());
    }
    if (slash == 0 || slash == lower.length() - 1 || lower.indexOf('/', slash + 1) >= 0) {
      return false;
    }
    return lower.equals(type.mediaType());
  }
}
