package org.postern.sieve.message;

/** One header field: its name as written and its unfolded raw value (leading space trimmed). */
public record Header(String name, String value) {}
