package org.postern.sieve.extensions;

import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;

/**
 * An extension that only enables tags or string syntax declared elsewhere: copy, relational, regex,
 * subaddress, encoded-character, comparator-i;ascii-numeric.
 */
public final class TagOnlyExtension implements SieveExtension {

  private final String name;

  /** Creates the extension named {@code name}. */
  public TagOnlyExtension(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void register(Registry registry) {
    // Tags carry their extension name; the validator checks it is required.
  }
}
