package org.postern.sieve.extensions;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.postern.sieve.date.DatePart;
import org.postern.sieve.date.MessageDates;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.parser.Argument;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.BoundArguments;
import org.postern.sieve.validation.CompileContext;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;
import org.postern.sieve.validation.TestDefinition;

/**
 * RFC 5260 date and currentdate. Dates are shown in the zone given by {@code :zone}, in the zone
 * they were written in with {@code :originalzone}, else in the local zone (the run's clock). Fields
 * that are not valid dates are skipped. The {@code index} extension adds {@code :index}.
 */
public final class DateExtension implements SieveExtension {

  @Override
  public String name() {
    return "date";
  }

  @Override
  public void register(Registry registry) {
    List<TagSpec> dateTags = new ArrayList<>(CommonTags.match());
    dateTags.add(new TagSpec("zone", ArgumentKind.STRING, null, "zone"));
    dateTags.add(new TagSpec("originalzone", null, null, "zone"));
    dateTags.addAll(FieldIndex.tags());
    registry.test(
        new TestDefinition(
            "date",
            "date",
            new Signature(
                dateTags,
                List.of(ArgumentKind.STRING, ArgumentKind.STRING, ArgumentKind.STRING_LIST),
                3),
            (arguments, context) -> {
              Matcher matcher = context.matcher(arguments);
              FieldIndex index = FieldIndex.of(arguments, context);
              SieveString zone = zone(arguments, context);
              boolean original = arguments.has("originalzone");
              SieveString field = context.string(arguments.positional(0));
              SieveString part = datePart(arguments.positional(1), context);
              List<SieveString> keys = context.strings(arguments.positional(2));
              context.checkRegexKeys(matcher, arguments.positional(2));
              return execution -> {
                DatePart datePart = DatePart.named(part.evaluate(execution));
                String name = field.evaluate(execution);
                List<String> values = new ArrayList<>();
                if (datePart != null) {
                  for (String value : index.select(execution.message().decodedHeaders(name))) {
                    ZonedDateTime date = MessageDates.parse(name, value);
                    if (date != null) {
                      values.add(datePart.of(shift(date, zone, original, execution)));
                    }
                  }
                }
                return Matching.test(
                    matcher, values, SieveString.evaluateAll(keys, execution), execution);
              };
            }));
    List<TagSpec> currentTags = new ArrayList<>(CommonTags.match());
    currentTags.add(new TagSpec("zone", ArgumentKind.STRING, null, "zone"));
    registry.test(
        new TestDefinition(
            "currentdate",
            "date",
            new Signature(currentTags, List.of(ArgumentKind.STRING, ArgumentKind.STRING_LIST), 2),
            (arguments, context) -> {
              Matcher matcher = context.matcher(arguments);
              SieveString zone = zone(arguments, context);
              SieveString part = datePart(arguments.positional(0), context);
              List<SieveString> keys = context.strings(arguments.positional(1));
              context.checkRegexKeys(matcher, arguments.positional(1));
              return execution -> {
                DatePart datePart = DatePart.named(part.evaluate(execution));
                List<String> values = new ArrayList<>();
                if (datePart != null) {
                  ZonedDateTime now = ZonedDateTime.now(execution.input().clock());
                  values.add(datePart.of(shift(now, zone, false, execution)));
                }
                return Matching.test(
                    matcher, values, SieveString.evaluateAll(keys, execution), execution);
              };
            }));
  }

  private static SieveString zone(BoundArguments arguments, CompileContext context) {
    if (!arguments.has("zone")) {
      return null;
    }
    Argument argument = arguments.tag("zone");
    SieveString zone = context.string(argument);
    if (zone.constant() != null && MessageDates.zoneOffset(zone.constant()) == null) {
      context.error(
          argument.position(), "invalid :zone '" + zone.constant() + "': use +hhmm or -hhmm");
    }
    return zone;
  }

  private static SieveString datePart(Argument argument, CompileContext context) {
    SieveString part = context.string(argument);
    if (part.constant() != null && DatePart.named(part.constant()) == null) {
      context.error(
          argument.position(),
          "unknown date part '"
              + part.constant()
              + "': use year, month, day, date, julian, hour, minute, second, time, iso8601,"
              + " std11, zone or weekday");
    }
    return part;
  }

  /** The date in the zone the test asks for. */
  private static ZonedDateTime shift(
      ZonedDateTime date, SieveString zone, boolean original, Execution execution) {
    if (original) {
      return date;
    }
    ZoneOffset offset = null;
    if (zone != null) {
      offset = MessageDates.zoneOffset(zone.evaluate(execution));
    }
    if (offset == null) {
      offset = execution.input().clock().getZone().getRules().getOffset(date.toInstant());
    }
    return date.withZoneSameInstant(offset);
  }
}
