package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.runtime.VariableNamespace;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;

class VariableNamespaceTest {

  /** An extension providing a read-only namespace {@code demo} with one variable. */
  private static final SieveExtension DEMO =
      new SieveExtension() {
        @Override
        public String name() {
          return "x-demo";
        }

        @Override
        public void register(Registry registry) {}

        @Override
        public Map<String, VariableNamespace> variableNamespaces() {
          return Map.of("demo", (name, execution) -> name.equals("answer") ? "42" : "");
        }
      };

  private static final SieveCompiler COMPILER =
      SieveCompiler.create(SieveLimits.defaults(), List.of(DEMO));

  private static List<String> errors(String script) {
    try {
      COMPILER.compile(script);
      return List.of();
    } catch (SieveCompileException e) {
      return e.diagnostics().stream().map(SieveDiagnostic::toString).toList();
    }
  }

  private static List<String> mailboxes(String script) throws SieveCompileException {
    return COMPILER
        .compile(script)
        .run(SieveMessage.parse("Subject: x\r\n\r\nbody\r\n"), new SieveEnvelope("a@b.c", "d@e.f"))
        .actions()
        .stream()
        .map(action -> ((StoreAction) action).mailbox())
        .toList();
  }

  @Test
  void unknownNamespacesAreCompileErrorsWhereverTheyAppear() {
    assertThat(
            errors(
                "require [\"variables\", \"fileinto\"];\n"
                    + "set \"namespace.frop\" \"value\";\n"
                    + "fileinto \"${complex.struct.frop}\";\n"))
        .containsExactly(
            "2:5: variable 'namespace.frop' is in unknown namespace 'namespace': names containing"
                + " '.' need the extension providing the namespace (such as include's 'global.')",
            "3:10: variable 'complex.struct.frop' is in unknown namespace 'complex': names"
                + " containing '.' need the extension providing the namespace (such as include's"
                + " 'global.')");
  }

  @Test
  void aNamespaceIsKnownOnlyWhenItsExtensionIsRequired() throws Exception {
    String body = "fileinto \"box-${demo.answer}\";\n";
    assertThat(errors("require [\"variables\", \"fileinto\"];\n" + body)).hasSize(1);
    assertThat(mailboxes("require [\"variables\", \"fileinto\", \"x-demo\"];\n" + body))
        .containsExactly("box-42");
  }

  @Test
  void readOnlyNamespacesCannotBeSetButGlobalCan() {
    assertThat(errors("require [\"variables\", \"x-demo\"];\nset \"demo.answer\" \"1\";\n"))
        .containsExactly(
            "2:5: variable 'demo.answer' cannot be set: namespace 'demo' is read-only");
    assertThat(errors("require [\"variables\", \"include\"];\nset \"global.x\" \"1\";\n"))
        .isEmpty();
  }

  @Test
  void longNamesHighMatchIndexesAndTooManyVariablesAreCompileErrors() {
    StringBuilder script = new StringBuilder("require \"variables\";\n");
    script.append("set \"").append("v".repeat(65)).append("\" \"x\";\n");
    script.append("if string \"${32}\" \"\" { stop; }\n");
    script.append("if string \"${33}\" \"\" { stop; }\n");
    for (int i = 0; i < 300; i++) {
      script.append("set \"var").append(i).append("\" \"x\";\n");
    }
    assertThat(errors(script.toString()))
        .containsExactly(
            "2:5: variable name '"
                + "v".repeat(65)
                + "' is too long: at most 64 characters per name element",
            "4:11: match variable ${33} does not exist: the highest is ${32}",
            "260:5: too many variables: a script may set at most 255 different variables");
  }
}
