package org.postern.sieve.extensions;

import java.util.function.Supplier;
import org.postern.sieve.validation.CompileContext;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;

/**
 * subaddress (RFC 5233): enables {@code :user} and {@code :detail}. The local part is split at the
 * first of the configured delimiter characters (Dovecot's {@code recipient_delimiter}, default
 * {@code +}); read through a supplier at run time so a configuration reload applies.
 */
public final class SubaddressExtension implements SieveExtension {

  /** The delimiter when none is configured. */
  public static final String DEFAULT_DELIMITERS = "+";

  private final Supplier<String> delimiters;

  /** With the default delimiter {@code +}. */
  public SubaddressExtension() {
    this(() -> DEFAULT_DELIMITERS);
  }

  /** With the delimiter characters {@code delimiters} supplies (any of them splits). */
  public SubaddressExtension(Supplier<String> delimiters) {
    this.delimiters = delimiters;
  }

  @Override
  public String name() {
    return "subaddress";
  }

  @Override
  public void register(Registry registry) {
    // The tags are declared with the address tests; they read the delimiters from here.
  }

  /** The delimiter characters in force; the default when none (or an empty set) is configured. */
  public String delimiters() {
    String value = delimiters.get();
    return value == null || value.isEmpty() ? DEFAULT_DELIMITERS : value;
  }

  /** The delimiters source the compiling script's address tests use. */
  static Supplier<String> delimitersFor(CompileContext context) {
    return context.extension("subaddress") instanceof SubaddressExtension subaddress
        ? subaddress::delimiters
        : () -> DEFAULT_DELIMITERS;
  }
}
