package org.postern.sieve.include;

/** Where an included script lives (RFC 6609): the user's own scripts or the site's. */
public enum ScriptLocation {
  /** The user's scripts ({@code :personal}, the default). */
  PERSONAL,
  /** Scripts the administrator provides for every user ({@code :global}). */
  GLOBAL
}
