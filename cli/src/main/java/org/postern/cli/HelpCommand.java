package org.postern.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code postern help [COMMAND]}: the command list, or one command's options. */
final class HelpCommand implements Command {
  private final Function<String, Command> lookup;
  private final Supplier<List<Command>> all;

  HelpCommand(Function<String, Command> lookup, Supplier<List<Command>> all) {
    this.lookup = lookup;
    this.all = all;
  }

  @Override
  public String name() {
    return "help";
  }

  @Override
  public String summary() {
    return "list the commands, or describe one";
  }

  @Override
  public String arguments() {
    return "[COMMAND]";
  }

  @Override
  public Options options() {
    return new Options();
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    List<String> words = line.getArgList();
    if (words.size() > 1) {
      throw new UsageException("help takes at most one command name");
    }
    if (words.isEmpty()) {
      terminal.out().println("usage: postern COMMAND [options]");
      terminal.out().println();
      terminal.out().println("commands:");
      for (Command command : all.get()) {
        terminal.out().printf("  %-10s %s%n", command.name(), command.summary());
      }
      terminal.out().println();
      terminal.out().println("'postern help COMMAND' shows a command's options.");
      return Main.OK;
    }
    Command command = lookup.apply(words.get(0));
    if (command == null) {
      throw new UsageException("unknown command '" + words.get(0) + "'");
    }
    terminal
        .out()
        .println(
            "usage: postern "
                + command.name()
                + " [options]"
                + (command.arguments().isEmpty() ? "" : " " + command.arguments()));
    terminal.out().println();
    terminal.out().println(command.summary());
    terminal.out().println();
    if (!command.description().isEmpty()) {
      terminal.out().println(command.description());
      terminal.out().println();
    }
    terminal.out().println("options:");
    List<String> names = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    for (Option option : Main.optionsOf(command).getOptions()) {
      names.add("--" + option.getLongOpt() + (option.hasArg() ? " " + option.getArgName() : ""));
      descriptions.add(option.getDescription());
    }
    int width = names.stream().mapToInt(String::length).max().orElse(0);
    for (int i = 0; i < names.size(); i++) {
      terminal.out().printf("  %-" + width + "s  %s%n", names.get(i), descriptions.get(i));
    }
    return Main.OK;
  }
}
