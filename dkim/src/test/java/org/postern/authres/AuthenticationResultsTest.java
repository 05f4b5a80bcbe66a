package org.postern.authres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.postern.dkim.DkimAlgorithm;
import org.postern.dkim.verification.DkimAuthenticationResults;
import org.postern.dkim.verification.DkimResult;
import org.postern.dkim.verification.DkimStatus;

class AuthenticationResultsTest {

  @Test
  void rendersOneDkimEntryPerSignature() {
    DkimResult pass =
        new DkimResult(
            DkimStatus.PASS,
            "example.com",
            "sel",
            Optional.of(DkimAlgorithm.RSA_SHA256),
            "@example.com",
            "abcdEFGH1234/+xyz",
            OptionalLong.empty(),
            "");
    DkimResult fail = pass.with(DkimStatus.FAIL, "body hash did not verify");

    String value =
        AuthenticationResults.forAuthservId("mx.example.org")
            .addAll(DkimAuthenticationResults.of(List.of(pass, fail)))
            .value();

    assertThat(value)
        .isEqualTo(
            " mx.example.org;\r\n\tdkim=pass header.d=example.com header.s=sel header.b=abcdEFGH1234;"
                + "\r\n\tdkim=fail reason=\"body hash did not verify\" header.d=example.com"
                + " header.s=sel header.b=abcdEFGH1234");
  }

  @Test
  void emptyResultsSayNoneAndSpfShapedResultsFit() {
    assertThat(AuthenticationResults.forAuthservId("mx").value()).isEqualTo(" mx; none");
    String spf =
        AuthenticationResults.forAuthservId("mx")
            .add(
                new MethodResult(
                    "spf",
                    "pass",
                    Optional.empty(),
                    List.of(new MethodResult.Property("smtp", "mailfrom", "a@example.com"))))
            .value();
    assertThat(spf).endsWith("spf=pass smtp.mailfrom=a@example.com");
    assertThatThrownBy(() -> AuthenticationResults.forAuthservId("bad id"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recognisesForgedClaimsOfOurAuthservId() {
    AuthservIdFilter filter = new AuthservIdFilter("mx.example.org");

    assertThat(filter.claimsOurs("Authentication-Results", " MX.example.org; dkim=pass")).isTrue();
    assertThat(filter.claimsOurs("authentication-results", " (forged) mx.example.org 1; none"))
        .isTrue();
    assertThat(filter.claimsOurs("Authentication-Results", " \"mx.example.org\"; none")).isTrue();
    assertThat(filter.claimsOurs("Authentication-Results", " other.example; dkim=pass")).isFalse();
    assertThat(filter.claimsOurs("X-Authentication-Results", " mx.example.org; none")).isFalse();
  }
}
