package org.postern.cli;

import java.nio.file.Path;

/** The {@code stack} config section: settings shared by every service the stack runs. */
public record StackSettings(Path dataDir) {

  /** State (greylist store, SRS secret) under {@code ./var}, as DESIGN.md documents. */
  public static StackSettings defaults() {
    return new StackSettings(Path.of("var"));
  }
}
