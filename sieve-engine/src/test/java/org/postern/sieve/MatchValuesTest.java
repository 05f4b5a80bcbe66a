package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postern.sieve.action.StoreAction;

class MatchValuesTest {

  private static String mailbox(String script) throws Exception {
    return ((StoreAction) Scripts.run(script).actions().get(0)).mailbox();
  }

  @Test
  void regexKeepsMoreThanTenMatchValues() throws Exception {
    assertThat(
            mailbox(
                "require [\"regex\", \"variables\", \"fileinto\"];"
                    + " if header :regex \"List-Id\" \"<(d)(e)(v)(.)(l)(i)(s)(t)(s)(.)(e)(x)\""
                    + " { fileinto \"x${10}${11}${12}\"; }"))
        .isEqualTo("x.ex");
  }

  @Test
  void bodyTestLeavesMatchValuesAlone() throws Exception {
    assertThat(
            mailbox(
                "require [\"body\", \"variables\", \"fileinto\"];"
                    + " if header :matches \"List-Id\" \"<*.lists*\" {}"
                    + " if body :matches \"Hello *lunch*\" { fileinto \"${1}\"; }"))
        .isEqualTo("dev");
  }
}
