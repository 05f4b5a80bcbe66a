package org.postern.sieve.validation;

/**
 * A tag a command or test accepts: its name, the kind of value following it ({@code null} for
 * none), the extension that must be required to use it ({@code null} for core), and the group of
 * mutually exclusive tags it belongs to ({@code null} for none).
 */
public record TagSpec(String name, ArgumentKind value, String extension, String group) {

  /** A core tag without a value. */
  public static TagSpec flag(String name) {
    return new TagSpec(name, null, null, null);
  }
}
