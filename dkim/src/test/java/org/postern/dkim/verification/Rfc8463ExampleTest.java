package org.postern.dkim.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postern.dkim.DkimAlgorithm;
import org.postern.dkim.dns.StaticKeyLookup;

/** RFC 8463 Appendix A.3: the published message carries an Ed25519 and an RSA signature. */
class Rfc8463ExampleTest {
  static final String ED25519_RECORD =
      "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
  static final String RSA_RECORD =
      "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"
          + "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC"
          + "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3"
          + "Ip3G+2kryOTIKT+l/K4w3QIDAQAB";

  static final String MESSAGE =
      String.join(
          "\r\n",
          "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;",
          " d=football.example.com; i=@football.example.com;",
          " q=dns/txt; s=brisbane; t=1528637909; h=from : to :",
          " subject : date : message-id : from : subject : date;",
          " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
          " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus",
          " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==",
          "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;",
          " d=football.example.com; i=@football.example.com;",
          " q=dns/txt; s=test; t=1528637909; h=from : to : subject :",
          " date : message-id : from : subject : date;",
          " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
          " b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3",
          " DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz",
          " dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=",
          "From: Joe SixPack <joe@football.example.com>",
          "To: Suzie Q <suzie@shopping.example.net>",
          "Subject: Is dinner ready?",
          "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)",
          "Message-ID: <20030712040037.46341.5F8J@football.example.com>",
          "",
          "Hi.",
          "",
          "We lost the game.  Are you hungry yet?",
          "",
          "Joe.",
          "");

  private final DkimVerifier verifier =
      DkimVerifier.builder(
              new StaticKeyLookup(
                  Map.of(
                      "brisbane._domainkey.football.example.com", List.of(ED25519_RECORD),
                      "test._domainkey.football.example.com", List.of(RSA_RECORD))))
          .minimumRsaBits(1024)
          .build();

  @Test
  void bothSignaturesVerify() throws Exception {
    List<DkimResult> results = verify(MESSAGE);

    assertThat(results).hasSize(2);
    assertThat(results)
        .allSatisfy(result -> assertThat(result.status()).isEqualTo(DkimStatus.PASS));
    assertThat(results)
        .extracting(result -> result.algorithm().orElseThrow())
        .containsExactly(DkimAlgorithm.ED25519_SHA256, DkimAlgorithm.RSA_SHA256);
  }

  @Test
  void alteredBodyFailsBoth() throws Exception {
    List<DkimResult> results = verify(MESSAGE.replace("hungry", "thirsty"));

    assertThat(results)
        .allSatisfy(
            result -> {
              assertThat(result.status()).isEqualTo(DkimStatus.FAIL);
              assertThat(result.reason()).contains("body hash");
            });
  }

  @Test
  void alteredSignedHeaderFailsBoth() throws Exception {
    List<DkimResult> results = verify(MESSAGE.replace("Is dinner ready?", "Is lunch ready?"));

    assertThat(results)
        .allSatisfy(
            result -> {
              assertThat(result.status()).isEqualTo(DkimStatus.FAIL);
              assertThat(result.reason()).contains("signature did not verify");
            });
  }

  private List<DkimResult> verify(String message) throws Exception {
    return verifier
        .verify(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)))
        .toCompletableFuture()
        .get();
  }
}
