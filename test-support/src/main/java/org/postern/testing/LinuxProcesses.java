package org.postern.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** What /proc says about processes; used to make sure a private Postfix is really gone. */
final class LinuxProcesses {

  private LinuxProcesses() {}

  /** Whether {@code pid} exists and is not a zombie waiting to be reaped. */
  static boolean isRunning(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The state letter follows the parenthesised command name, which may contain spaces.
      int afterName = stat.lastIndexOf(')');
      return afterName < 0 || stat.length() <= afterName + 2 || stat.charAt(afterName + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Live processes other than this JVM whose working directory lies under {@code directory} or
   * whose environment has {@code MAIL_CONFIG=configDirectory}: every Postfix daemon of one instance
   * has both.
   */
  static List<ProcessHandle> ofPostfixInstance(Path directory, Path configDirectory) {
    long self = ProcessHandle.current().pid();
    String marker = "MAIL_CONFIG=" + configDirectory;
    return ProcessHandle.allProcesses()
        .filter(process -> process.pid() != self && isRunning(process.pid()))
        .filter(
            process ->
                workingDirectoryUnder(process.pid(), directory)
                    || environmentContains(process.pid(), marker))
        .collect(Collectors.toList());
  }

  private static boolean workingDirectoryUnder(long pid, Path directory) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"))
          .startsWith(directory);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  private static boolean environmentContains(long pid, String entry) {
    try {
      byte[] environment = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
      for (String variable : new String(environment, StandardCharsets.UTF_8).split("\0")) {
        if (variable.equals(entry)) {
          return true;
        }
      }
      return false;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }
}
