package org.postern.sieve.extensions;

import java.util.Set;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;

/**
 * RFC 6131 vacation-seconds: enables {@code :seconds} on vacation. Requiring it alone also enables
 * vacation, as Pigeonhole does, since the tag is useless without the command.
 */
public final class VacationSecondsExtension implements SieveExtension {

  @Override
  public String name() {
    return "vacation-seconds";
  }

  @Override
  public void register(Registry registry) {
    // The :seconds tag is declared by VacationExtension and carries this extension's name.
  }

  @Override
  public Set<String> implies() {
    return Set.of("vacation");
  }
}
