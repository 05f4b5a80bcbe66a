package org.postern.sieve.include;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves {@code include "name"} to {@code name.sieve} in a personal and a global directory, as
 * Pigeonhole's file storage does. Names are checked by {@link IncludeExtension} before they get
 * here, so they cannot leave the directory.
 */
public final class DirectoryScriptResolver implements ScriptResolver {

  private final Path personal;
  private final Path global;

  /** Resolves from {@code personal} and {@code global} ({@code null} for none). */
  public DirectoryScriptResolver(Path personal, Path global) {
    this.personal = personal;
    this.global = global;
  }

  @Override
  public Optional<String> find(ScriptLocation location, String name) throws IOException {
    Path directory = location == ScriptLocation.GLOBAL ? global : personal;
    if (directory == null) {
      return Optional.empty();
    }
    Path file = directory.resolve(name + ".sieve");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
  }
}
