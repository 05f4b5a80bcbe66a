package org.postern.sieve.extensions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;
import org.postern.sieve.validation.TestDefinition;

/**
 * RFC 7352 duplicate: {@code duplicate [:handle h] [:header name / :uniqueid value] [:seconds n]
 * [:last]} is true when the message's unique ID (its Message-ID by default) was seen within the
 * period. IDs go to the run's {@link org.postern.sieve.runtime.DuplicateTracker} only when the run
 * succeeds; without {@code :last} a duplicate does not extend the period.
 */
public final class DuplicateExtension implements SieveExtension {

  /** Pigeonhole's default period (sieve_duplicate_default_period). */
  static final Duration DEFAULT_PERIOD = Duration.ofDays(14);

  @Override
  public String name() {
    return "duplicate";
  }

  @Override
  public void register(Registry registry) {
    registry.test(
        new TestDefinition(
            "duplicate",
            "duplicate",
            new Signature(
                List.of(
                    new TagSpec("handle", ArgumentKind.STRING, null, null),
                    new TagSpec("header", ArgumentKind.STRING, null, "unique id"),
                    new TagSpec("uniqueid", ArgumentKind.STRING, null, "unique id"),
                    new TagSpec("seconds", ArgumentKind.NUMBER, null, null),
                    TagSpec.flag("last")),
                List.of(),
                0),
            (arguments, context) -> {
              SieveString handle =
                  arguments.has("handle")
                      ? context.string(arguments.tag("handle"))
                      : SieveString.of("");
              SieveString header =
                  arguments.has("header")
                      ? context.string(arguments.tag("header"))
                      : SieveString.of("Message-ID");
              SieveString uniqueId =
                  arguments.has("uniqueid") ? context.string(arguments.tag("uniqueid")) : null;
              Duration period =
                  arguments.has("seconds")
                      ? Duration.ofSeconds(context.number(arguments.tag("seconds")))
                      : DEFAULT_PERIOD;
              boolean last = arguments.has("last");
              return execution -> {
                String value;
                if (uniqueId != null) {
                  value = uniqueId.evaluate(execution);
                } else {
                  List<String> values = execution.message().rawHeaders(header.evaluate(execution));
                  if (values.isEmpty()) {
                    return false;
                  }
                  value = values.get(0).strip();
                }
                String name = handle.evaluate(execution);
                String id = name.length() + ":" + name + ":" + value;
                Instant now = execution.input().clock().instant();
                boolean duplicate = execution.input().duplicates().seen(id, now);
                if (!duplicate || last) {
                  execution.trackDuplicate(id, now.plus(period));
                }
                return duplicate;
              };
            }));
  }
}
