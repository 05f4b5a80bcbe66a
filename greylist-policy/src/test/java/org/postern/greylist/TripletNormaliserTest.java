package org.postern.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postern.policy.PolicyRequest;

class TripletNormaliserTest {
  private final TripletNormaliser normaliser = new TripletNormaliser(24, 64);

  @Test
  void clientsAreGroupedIntoNetworks() {
    assertThat(normaliser.clientNetwork("192.0.2.77")).isEqualTo("192.0.2.0/24");
    assertThat(normaliser.clientNetwork("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2::/64");
    assertThat(new TripletNormaliser(16, 48).clientNetwork("198.51.100.9"))
        .isEqualTo("198.51.0.0/16");
    assertThat(new TripletNormaliser(32, 48).clientNetwork("2001:db8:1:2::9"))
        .isEqualTo("2001:db8:1::/48");
    assertThat(normaliser.clientNetwork("unknown")).isEqualTo("unknown");
  }

  @Test
  void sendersAreNormalisedAsPostgreyDoes() {
    assertThat(TripletNormaliser.sender("Alice@Example.ORG")).isEqualTo("alice@example.org");
    assertThat(TripletNormaliser.sender("alice+lists@example.org")).isEqualTo("alice@example.org");
    assertThat(TripletNormaliser.sender("prvs=1234abcdef=alice@example.org"))
        .isEqualTo("alice@example.org");
    assertThat(TripletNormaliser.sender("bounce-123-456@lists.example.org"))
        .isEqualTo("bounce-#-#@lists.example.org");
    assertThat(TripletNormaliser.sender("user42@example.org")).isEqualTo("user42@example.org");
    assertThat(TripletNormaliser.sender("")).isEmpty();
  }

  @Test
  void theTripletCombinesTheThree() {
    PolicyRequest request =
        new PolicyRequest(
            Map.of(
                "request", "smtpd_access_policy",
                "client_address", "192.0.2.10",
                "sender", "News+7@Example.org",
                "recipient", "Bob@Example.NET"));
    Triplet triplet = normaliser.triplet(request);
    assertThat(triplet)
        .isEqualTo(new Triplet("192.0.2.0/24", "news@example.org", "bob@example.net"));
    assertThat(triplet.key()).isEqualTo("192.0.2.0/24 news@example.org bob@example.net");
  }
}
