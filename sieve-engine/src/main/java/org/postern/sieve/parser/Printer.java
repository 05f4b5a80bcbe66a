package org.postern.sieve.parser;

import java.util.List;

/** Prints a syntax tree back to Sieve source that parses to the same tree. */
public final class Printer {

  private Printer() {}

  /** The source text of {@code script}, one command per line, blocks indented. */
  public static String print(ScriptNode script) {
    StringBuilder out = new StringBuilder();
    commands(script.commands(), 0, out);
    return out.toString();
  }

  private static void commands(List<CommandNode> commands, int indent, StringBuilder out) {
    for (CommandNode command : commands) {
      out.append("  ".repeat(indent)).append(command.name());
      arguments(command.arguments(), out);
      tests(command.tests(), command.testList(), out);
      if (command.block().isPresent()) {
        out.append(" {\n");
        commands(command.block().get(), indent + 1, out);
        out.append("  ".repeat(indent)).append("}\n");
      } else {
        out.append(";\n");
      }
    }
  }

  private static void tests(List<TestNode> tests, boolean testList, StringBuilder out) {
    if (!testList) {
      for (TestNode test : tests) {
        out.append(' ');
        test(test, out);
      }
      return;
    }
    out.append(" (");
    for (int i = 0; i < tests.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      test(tests.get(i), out);
    }
    out.append(')');
  }

  private static void test(TestNode test, StringBuilder out) {
    out.append(test.name());
    arguments(test.arguments(), out);
    tests(test.tests(), test.testList(), out);
  }

  private static void arguments(List<Argument> arguments, StringBuilder out) {
    for (Argument argument : arguments) {
      out.append(' ');
      if (argument instanceof StringArgument string) {
        quote(string.value(), out);
      } else if (argument instanceof StringListArgument list) {
        out.append('[');
        for (int i = 0; i < list.values().size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          quote(list.values().get(i), out);
        }
        out.append(']');
      } else if (argument instanceof NumberArgument number) {
        out.append(Long.toUnsignedString(number.value()));
      } else if (argument instanceof TagArgument tag) {
        out.append(':').append(tag.name());
      }
    }
  }

  /** Quoted-string form; raw line breaks are legal inside quoted strings. */
  private static void quote(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }
}
