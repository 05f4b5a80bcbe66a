package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.include.IncludeExtension;
import org.postern.sieve.include.ScriptResolver;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

class ForEveryPartRulesTest {

  private static List<String> errors(String script) {
    try {
      SieveCompiler.create().compile(script);
      return List.of();
    } catch (SieveCompileException e) {
      return e.diagnostics().stream().map(SieveDiagnostic::toString).toList();
    }
  }

  @Test
  void breakOutsideALoopIsACompileError() {
    assertThat(errors("require \"foreverypart\";\nif true {\n  break;\n}\n"))
        .containsExactly("3:3: 'break' is only allowed inside foreverypart");
  }

  @Test
  void breakNamesAnEnclosingLoop() {
    assertThat(
            errors(
                "require \"foreverypart\";\n"
                    + "foreverypart :name \"outer\" { foreverypart { break :name \"outer\"; } }\n"))
        .isEmpty();
    assertThat(
            errors(
                "require \"foreverypart\";\n"
                    + "foreverypart :name \"outer\" { foreverypart { break :name \"other\"; } }\n"))
        .containsExactly(
            "2:45: 'break :name \"other\"' is not inside a foreverypart loop of that name");
  }

  @Test
  void loopsNestAtMostFourDeep() {
    String four = "foreverypart { ".repeat(4) + "keep;" + " }".repeat(4);
    assertThat(errors("require \"foreverypart\";\n" + four)).isEmpty();
    assertThat(errors("require \"foreverypart\";\nforeverypart { " + four + " }"))
        .singleElement()
        .asString()
        .contains("nested deeper than the limit of 4");
  }

  @Test
  void extracttextNeedsItsCompanionExtensionsAndALoop() {
    assertThat(errors("require [\"extracttext\", \"foreverypart\"];\n"))
        .containsExactly("1:9: extension 'extracttext' needs require \"variables\" as well");
    assertThat(
            errors(
                "require [\"extracttext\", \"variables\", \"foreverypart\"];\nextracttext \"a\";"))
        .containsExactly("2:1: extracttext is only allowed inside foreverypart");
  }

  @Test
  void onlyTheFirstArgumentErrorOfACommandIsReported() {
    assertThat(errors("require \"foreverypart\";\nforeverypart :name 13 { }\n"))
        .containsExactly(
            "2:14: the :name tag for the foreverypart command requires a string as parameter, but"
                + " a number was found");
  }

  @Test
  void loopsNestedThroughIncludesTooDeepFailTheRun() throws Exception {
    String loop = "require [\"foreverypart\", \"include\"];\nforeverypart { include \"%s\"; }";
    Map<String, String> scripts =
        Map.of(
            "personal/two",
            String.format(loop, "three"),
            "personal/three",
            "require \"foreverypart\"; foreverypart { foreverypart { foreverypart { keep; } } }");
    ScriptResolver resolver =
        (location, name) ->
            Optional.ofNullable(scripts.get(location.name().toLowerCase() + "/" + name));
    SieveCompiler compiler =
        SieveCompiler.create(SieveLimits.defaults(), List.of(new IncludeExtension(resolver, 5)));
    // Three multipart levels above a text part, so every nested loop has a part to visit.
    SieveMessage message =
        SieveMessage.parse(
            "Subject: x\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n"
                + "--a\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n"
                + "--c\r\nContent-Type: text/plain\r\n\r\ntext\r\n--c--\r\n"
                + "--b--\r\n--a--\r\n");
    SieveEnvelope envelope = new SieveEnvelope("a@example.org", "b@example.net");
    SieveProgram three = compiler.compile(String.format(loop, "three"));
    assertThat(three.run(message, envelope).failed()).isFalse();
    SieveProgram four = compiler.compile(String.format(loop, "two"));
    SieveResult result = four.run(message, envelope);
    assertThat(result.failed()).isTrue();
    assertThat(result.error()).get().asString().contains("limit of 4");
    assertThat(result.implicitKeep()).isTrue();
  }
}
