package org.postern.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.postern.sieve.extensions.BodyExtension;
import org.postern.sieve.extensions.CoreExtension;
import org.postern.sieve.extensions.DateExtension;
import org.postern.sieve.extensions.DuplicateExtension;
import org.postern.sieve.extensions.EditHeaderExtension;
import org.postern.sieve.extensions.EnvelopeExtension;
import org.postern.sieve.extensions.EnvironmentExtension;
import org.postern.sieve.extensions.ExtractTextExtension;
import org.postern.sieve.extensions.FileIntoExtension;
import org.postern.sieve.extensions.ForEveryPartExtension;
import org.postern.sieve.extensions.IhaveExtension;
import org.postern.sieve.extensions.Imap4FlagsExtension;
import org.postern.sieve.extensions.MailboxExtension;
import org.postern.sieve.extensions.RejectExtension;
import org.postern.sieve.extensions.SpamTestExtension;
import org.postern.sieve.extensions.SubaddressExtension;
import org.postern.sieve.extensions.TagOnlyExtension;
import org.postern.sieve.extensions.VacationExtension;
import org.postern.sieve.extensions.VacationSecondsExtension;
import org.postern.sieve.extensions.VariablesExtension;
import org.postern.sieve.extlists.ExtListsExtension;
import org.postern.sieve.extlists.ExternalLists;
import org.postern.sieve.include.IncludeExtension;
import org.postern.sieve.notify.EnotifyExtension;
import org.postern.sieve.parser.Parser;
import org.postern.sieve.parser.ScriptNode;
import org.postern.sieve.runtime.Block;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Validator;

/**
 * Compiles Sieve scripts into {@link SieveProgram}s: lex, parse, validate against the required
 * extensions and the limits. Thread-safe; reuse one compiler.
 */
public final class SieveCompiler {

  private final Registry registry;
  private final SieveLimits limits;

  private SieveCompiler(SieveLimits limits, List<SieveExtension> more) {
    this.limits = limits;
    this.registry =
        new Registry()
            .add(new CoreExtension())
            .add(new FileIntoExtension())
            .add(new RejectExtension(false))
            .add(new RejectExtension(true))
            .add(new EnvelopeExtension())
            .add(new TagOnlyExtension("encoded-character"))
            .add(new Imap4FlagsExtension())
            .add(new VariablesExtension())
            .add(new BodyExtension())
            .add(new TagOnlyExtension("relational"))
            .add(new TagOnlyExtension("comparator-i;ascii-numeric"))
            .add(new TagOnlyExtension("comparator-i;octet"))
            .add(new TagOnlyExtension("comparator-i;ascii-casemap"))
            .add(new SubaddressExtension())
            .add(new TagOnlyExtension("copy"))
            .add(new TagOnlyExtension("regex"))
            .add(new EnvironmentExtension())
            .add(new VacationExtension())
            .add(new VacationSecondsExtension())
            .add(new MailboxExtension())
            .add(new EditHeaderExtension())
            .add(new IncludeExtension())
            .add(new SpamTestExtension(SpamTestExtension.Kind.SPAMTEST, () -> null))
            .add(new SpamTestExtension(SpamTestExtension.Kind.SPAMTESTPLUS, () -> null))
            .add(new SpamTestExtension(SpamTestExtension.Kind.VIRUSTEST, () -> null))
            .add(new DateExtension())
            .add(new TagOnlyExtension("index"))
            .add(new IhaveExtension())
            .add(new DuplicateExtension())
            .add(new TagOnlyExtension("mime"))
            .add(new ForEveryPartExtension())
            .add(new ExtractTextExtension())
            .add(new EnotifyExtension())
            .add(new ExtListsExtension(ExternalLists::none));
    for (SieveExtension extension : more) {
      registry.add(extension);
    }
  }

  /** A compiler with the default limits. */
  public static SieveCompiler create() {
    return new SieveCompiler(SieveLimits.defaults(), List.of());
  }

  /** A compiler with the given limits. */
  public static SieveCompiler create(SieveLimits limits) {
    return new SieveCompiler(limits, List.of());
  }

  /**
   * A compiler with the given limits that also knows {@code extensions} (vendor extensions, test
   * harnesses); they may replace built-in ones of the same name.
   */
  public static SieveCompiler create(SieveLimits limits, List<SieveExtension> extensions) {
    return new SieveCompiler(limits, List.copyOf(extensions));
  }

  /** The extensions scripts may require. */
  public Set<String> extensions() {
    Set<String> names = new java.util.TreeSet<>(registry.extensionNames());
    names.remove("core");
    return names;
  }

  /**
   * Compiles {@code source}.
   *
   * @throws SieveCompileException with every problem found (errors and warnings), each with line
   *     and column; a script with only warnings compiles and keeps them ({@link
   *     SieveProgram#warnings()})
   */
  public SieveProgram compile(String source) throws SieveCompileException {
    List<SieveDiagnostic> diagnostics = new ArrayList<>();
    if (source.length() > limits.maxScriptSize()) {
      diagnostics.add(
          new SieveDiagnostic(
              1,
              1,
              "script is "
                  + source.length()
                  + " characters, over the limit of "
                  + limits.maxScriptSize()));
      throw new SieveCompileException(diagnostics);
    }
    ScriptNode script = Parser.parse(source, diagnostics, limits.maxNestingDepth());
    if (!diagnostics.isEmpty()) {
      // As in Pigeonhole: a script that does not parse is not validated (its tree is partial).
      throw new SieveCompileException(inScriptOrder(diagnostics));
    }
    Validator validator = new Validator(registry, limits, diagnostics);
    Block body = validator.compile(script);
    inScriptOrder(diagnostics);
    if (diagnostics.stream().anyMatch(diagnostic -> !diagnostic.warning())) {
      throw new SieveCompileException(diagnostics);
    }
    return new SieveProgram(body, validator.required(), limits, diagnostics);
  }

  private static List<SieveDiagnostic> inScriptOrder(List<SieveDiagnostic> diagnostics) {
    diagnostics.sort(
        java.util.Comparator.comparingInt(SieveDiagnostic::line)
            .thenComparingInt(SieveDiagnostic::column));
    return diagnostics;
  }
}
