package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;

class IhaveTest {

  @Test
  void supportedCapabilityHoldsAndEnablesItsCommands() throws Exception {
    SieveResult result =
        Scripts.run("require \"ihave\"; if ihave \"fileinto\" { fileinto \"Yes\"; }");
    assertThat(result.actions()).containsExactly(new StoreAction("Yes", List.of(), false));
  }

  @Test
  void unknownCapabilityIsFalseAndItsBlockIsNotValidated() throws Exception {
    SieveResult result =
        Scripts.run(
            "require [\"ihave\", \"fileinto\"]; if ihave \"x-unknown\" { frobnicate :wildly; }"
                + " elsif ihave [\"variables\"] { set \"a\" \"b\"; } else { fileinto \"No\"; }");
    assertThat(result.actions()).containsExactly(new StoreAction("No", List.of(), false));
  }

  @Test
  void unknownCommandsOutsideAFalseIhaveAreStillErrors() {
    assertThatThrownBy(() -> SieveCompiler.create().compile("require \"ihave\"; frobnicate;"))
        .isInstanceOf(SieveCompileException.class);
  }

  @Test
  void errorEndsTheRunWithImplicitKeep() throws Exception {
    SieveResult result =
        Scripts.run("require [\"ihave\", \"fileinto\"]; fileinto \"A\"; error \"broken\";");
    assertThat(result.failed()).isTrue();
    assertThat(result.error()).contains("error: broken");
    assertThat(result.implicitKeep()).isTrue();
  }
}
