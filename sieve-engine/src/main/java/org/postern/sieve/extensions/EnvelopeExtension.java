package org.postern.sieve.extensions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TestDefinition;

/** RFC 5228 5.4 envelope test over the SMTP "from", "to" and (RFC 4616 style) "auth". */
public final class EnvelopeExtension implements SieveExtension {

  @Override
  public String name() {
    return "envelope";
  }

  @Override
  public void register(Registry registry) {
    registry.test(
        new TestDefinition(
            "envelope",
            "envelope",
            new Signature(
                CommonTags.matchAndAddressParts(),
                List.of(ArgumentKind.STRING_LIST, ArgumentKind.STRING_LIST),
                2,
                List.of("envelope part", "key list")),
            (arguments, context) -> {
              Matcher matcher = context.matcher(arguments);
              context.checkRegexKeys(matcher, arguments.positional(1));
              AddressPart part = AddressPart.of(arguments);
              Supplier<String> delimiters = SubaddressExtension.delimitersFor(context);
              List<SieveString> parts = context.strings(arguments.positional(0));
              for (SieveString item : parts) {
                String constant = item.constant();
                if (constant != null && field(constant) == null) {
                  context.error(
                      arguments.positional(0).position(),
                      "unknown envelope part '" + constant + "': use \"from\", \"to\" or \"auth\"");
                }
              }
              List<SieveString> keys = context.strings(arguments.positional(1));
              return execution -> {
                List<String> values = new ArrayList<>();
                SieveEnvelope envelope = execution.input().envelope();
                for (String name : SieveString.evaluateAll(parts, execution)) {
                  String field = field(name);
                  if (field == null) {
                    continue;
                  }
                  String address =
                      switch (field) {
                        case "from" -> envelope.from();
                        case "to" -> envelope.to();
                        default -> envelope.auth();
                      };
                  if (!field.equals("auth")) {
                    // A path that is not valid gives no value, as in Pigeonhole; brackets and a
                    // source route are not part of the address.
                    address = execution.envelopeAddress(address).orElse(null);
                    if (address == null) {
                      continue;
                    }
                  }
                  if (address.isEmpty()) {
                    // RFC 5228 5.4: the null reverse-path is matched as "" whatever the part.
                    values.add("");
                    continue;
                  }
                  String value = part.extract(address, delimiters.get());
                  if (value != null) {
                    values.add(value);
                  }
                }
                return Matching.test(
                    matcher, values, SieveString.evaluateAll(keys, execution), execution);
              };
            }));
  }

  private static String field(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("from") || lower.equals("to") || lower.equals("auth") ? lower : null;
  }
}
