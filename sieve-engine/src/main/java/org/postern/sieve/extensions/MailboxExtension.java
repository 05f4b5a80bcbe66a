package org.postern.sieve.extensions;

import java.util.List;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TestDefinition;

/**
 * RFC 5490 mailbox: the {@code mailboxexists} test over the run's {@link
 * org.postern.sieve.runtime.MailboxDirectory}; {@code fileinto :create} is declared by fileinto.
 */
public final class MailboxExtension implements SieveExtension {

  @Override
  public String name() {
    return "mailbox";
  }

  @Override
  public void register(Registry registry) {
    registry.test(
        new TestDefinition(
            "mailboxexists",
            "mailbox",
            Signature.of(ArgumentKind.STRING_LIST),
            (arguments, context) -> {
              List<SieveString> names = context.strings(arguments.positional(0));
              return execution -> {
                for (String name : SieveString.evaluateAll(names, execution)) {
                  if (!execution.input().mailboxes().exists(name)) {
                    return false;
                  }
                }
                return true;
              };
            }));
  }
}
