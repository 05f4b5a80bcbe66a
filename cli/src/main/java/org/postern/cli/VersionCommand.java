package org.postern.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code postern version}: the release and the Java runtime, for bug reports. */
final class VersionCommand implements Command {

  @Override
  public String name() {
    return "version";
  }

  @Override
  public String summary() {
    return "print the Postern version and the Java runtime";
  }

  @Override
  public Options options() {
    return new Options();
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    if (!line.getArgList().isEmpty()) {
      throw new UsageException("version takes no arguments");
    }
    terminal
        .out()
        .println(
            "postern "
                + version()
                + " (Java "
                + Runtime.version()
                + ", "
                + System.getProperty("java.vm.name")
                + ")");
    return Main.OK;
  }

  /** The project version the jar was built from. */
  static String version() {
    try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
