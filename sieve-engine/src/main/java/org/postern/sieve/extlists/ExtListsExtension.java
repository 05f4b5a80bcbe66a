package org.postern.sieve.extlists;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.postern.sieve.match.ListLookup;
import org.postern.sieve.match.ListLookupException;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TestDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 6134 extlists: the {@code :list} match type and the {@code valid_ext_list} test, over the
 * lists the caller supplies. The supplier is asked on every run, so reconfigured lists apply to
 * already compiled scripts. {@code redirect :list} is refused at compile time, as in Pigeonhole.
 */
public final class ExtListsExtension implements SieveExtension, ListLookup {

  /** Values longer than this are never looked up (Pigeonhole's max_lookup_size default). */
  public static final int MAX_LOOKUP_LENGTH = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ExtListsExtension.class);

  private final Supplier<ExternalLists> lists;

  /** An extension looking values up in the lists {@code lists} gives at run time. */
  public ExtListsExtension(Supplier<ExternalLists> lists) {
    this.lists = lists;
  }

  @Override
  public String name() {
    return "extlists";
  }

  @Override
  public void register(Registry registry) {
    registry.test(
        new TestDefinition(
            "valid_ext_list",
            "extlists",
            Signature.of(ArgumentKind.STRING_LIST),
            (arguments, context) -> {
              List<SieveString> names = context.strings(arguments.positional(0));
              return execution -> {
                ExternalLists configured = lists.get();
                for (String name : SieveString.evaluateAll(names, execution)) {
                  try {
                    if (configured.find(name).isEmpty()) {
                      return false;
                    }
                  } catch (InvalidListNameException e) {
                    execution.log().add("valid_ext_list: " + e.getMessage());
                    return false;
                  }
                }
                return true;
              };
            }));
  }

  @Override
  public String firstListed(List<String> values, List<String> listNames) {
    ExternalLists configured = lists.get();
    List<ExternalList> named = new ArrayList<>(listNames.size());
    for (String name : listNames) {
      try {
        configured.find(name).ifPresent(named::add);
      } catch (InvalidListNameException e) {
        LOG.debug(":list match: {}", e.getMessage());
      }
    }
    if (named.isEmpty()) {
      return null;
    }
    for (String value : values) {
      if (value.length() > MAX_LOOKUP_LENGTH) {
        continue;
      }
      for (ExternalList list : named) {
        try {
          if (list.contains(value)) {
            return value;
          }
        } catch (ExternalListException e) {
          throw new ListLookupException(":list match: " + e.getMessage(), e);
        }
      }
    }
    return null;
  }
}
