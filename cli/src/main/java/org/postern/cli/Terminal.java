package org.postern.cli;

import java.io.PrintStream;

/** Where a command writes: results to {@code out}, problems to {@code err}. */
record Terminal(PrintStream out, PrintStream err) {}
