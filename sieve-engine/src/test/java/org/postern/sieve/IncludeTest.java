package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.include.IncludeExtension;
import org.postern.sieve.include.ScriptResolver;

class IncludeTest {

  private static SieveCompiler compiler(Map<String, String> scripts) {
    ScriptResolver resolver =
        (location, name) ->
            Optional.ofNullable(scripts.get(location.name().toLowerCase() + "/" + name));
    return SieveCompiler.create(
        SieveLimits.defaults().withMaxIncludeDepth(3), List.of(new IncludeExtension(resolver, 5)));
  }

  @Test
  void includedScriptActionsJoinTheResultAndReturnContinuesTheIncluder() throws Exception {
    SieveCompiler compiler =
        compiler(
            Map.of(
                "personal/lists",
                "require [\"fileinto\", \"include\"]; fileinto \"Lists\"; return; fileinto \"Never\";",
                "global/spam",
                "require \"fileinto\"; fileinto \"Spam\";"));
    SieveResult result =
        Scripts.run(
            compiler,
            "require [\"include\", \"fileinto\"]; include \"lists\"; include :global \"spam\";"
                + " fileinto \"After\";");
    assertThat(result.actions())
        .extracting(a -> ((StoreAction) a).mailbox())
        .containsExactly("Lists", "Spam", "After");
  }

  @Test
  void globalVariablesAreSharedAndLocalsAreNot() throws Exception {
    SieveCompiler compiler =
        compiler(
            Map.of(
                "personal/set",
                "require [\"include\", \"variables\"]; global \"box\"; set \"box\" \"Shared\";"
                    + " set \"local\" \"Leaked\";"));
    SieveResult result =
        Scripts.run(
            compiler,
            "require [\"include\", \"variables\", \"fileinto\"]; global \"box\"; include \"set\";"
                + " fileinto \"${box}${local}\"; fileinto \"${global.box}\";");
    assertThat(result.actions()).containsExactly(new StoreAction("Shared", List.of(), false));
  }

  @Test
  void onceRunsAScriptOnlyOnce() throws Exception {
    SieveCompiler compiler =
        compiler(
            Map.of(
                "personal/count",
                "require [\"include\", \"variables\"]; global \"n\"; set \"n\" \"${n}x\";"));
    SieveResult result =
        Scripts.run(
            compiler,
            "require [\"include\", \"variables\", \"fileinto\"]; global \"n\"; include \"count\";"
                + " include :once \"count\"; include \"count\"; fileinto \"${n}\";");
    assertThat(result.actions()).containsExactly(new StoreAction("xx", List.of(), false));
  }

  @Test
  void cyclesMissingScriptsAndBadNamesAreCompileErrors() {
    SieveCompiler compiler =
        compiler(
            Map.of(
                "personal/a", "require \"include\"; include \"b\";",
                "personal/b", "require \"include\"; include \"a\";"));
    assertThatThrownBy(() -> compiler.compile("require \"include\"; include \"a\";"))
        .hasMessageContaining("circular include");
    assertThatThrownBy(() -> compiler.compile("require \"include\"; include \"missing\";"))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> compiler.compile("require \"include\"; include \"../etc\";"))
        .hasMessageContaining("invalid script name");
  }

  @Test
  void optionalMissingScriptAndOnceCycleCompile() throws Exception {
    SieveCompiler compiler =
        compiler(
            Map.of(
                "personal/a", "require \"include\"; include \"b\";",
                "personal/b", "require \"include\"; include :once \"a\";"));
    SieveResult result =
        Scripts.run(compiler, "require \"include\"; include :optional \"missing\"; include \"a\";");
    assertThat(result.failed()).isFalse();
    assertThat(result.implicitKeep()).isTrue();
  }

  @Test
  void depthAndCountLimitsAreCompileErrors() {
    SieveCompiler compiler =
        compiler(
            Map.of(
                "personal/d1", "require \"include\"; include \"d2\";",
                "personal/d2", "require \"include\"; include \"d3\";",
                "personal/d3", "require \"include\"; include \"d4\";",
                "personal/d4", "keep;",
                "personal/k", "keep;"));
    assertThatThrownBy(() -> compiler.compile("require \"include\"; include \"d1\";"))
        .hasMessageContaining("nested deeper");
    assertThatThrownBy(
            () ->
                compiler.compile(
                    "require \"include\"; include \"k\"; include \"k\"; include \"k\";"
                        + " include \"k\"; include \"k\"; include \"k\";"))
        .hasMessageContaining("too many includes");
  }

  private static List<String> errors(SieveCompiler compiler, String script) {
    try {
      compiler.compile(script);
      return List.of();
    } catch (SieveCompileException e) {
      return e.diagnostics().stream().map(SieveDiagnostic::toString).toList();
    }
  }

  @Test
  void aFailedIncludeChainNamesEachScriptThatFailedAndSieveSuffixesNameTheSameScript() {
    SieveCompiler compiler =
        compiler(
            Map.of(
                "personal/one",
                "require \"include\";\ninclude \"two\";",
                "personal/two",
                "require \"include\";\ninclude \"one.sieve\";"));
    assertThat(errors(compiler, "require \"include\";\ninclude \"one\";"))
        .containsExactly(
            "2:1: included script 'one' line 2:1: included script 'two' line 2:1: circular include:"
                + " script 'one' includes itself (directly or indirectly)",
            "2:1: included script 'one' line 2:1: failed to compile included script 'two'",
            "2:1: failed to compile included script 'one'");
  }

  @Test
  void declaringAVariableGlobalAfterUsingItLocallyIsAnError() {
    SieveCompiler compiler = compiler(Map.of());
    String prefix = "require [\"include\", \"variables\"];\n";
    assertThat(errors(compiler, prefix + "global \"a\";\nglobal \"a\";\nset \"a\" \"1\";"))
        .isEmpty();
    assertThat(errors(compiler, prefix + "set \"b\" \"1\";\nglobal \"b\";"))
        .containsExactly(
            "3:8: variable 'b' is already used as a local variable: declare it global before its"
                + " first use");
  }
}
