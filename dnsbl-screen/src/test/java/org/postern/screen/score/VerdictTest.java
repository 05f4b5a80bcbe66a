package org.postern.screen.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.screen.site.DnsblSite;

class VerdictTest {
  private static SiteResult result(String site, SiteResult.Status status, int ttlSeconds) {
    return new SiteResult(DnsblSite.parse(site), status, Duration.ofSeconds(ttlSeconds));
  }

  @Test
  void weightsOfMatchedSitesAddUp() {
    Verdict verdict =
        Verdict.of(
            List.of(
                result("a.example*3", SiteResult.Status.MATCHED, 300),
                result("b.example*2", SiteResult.Status.MATCHED, 100),
                result("c.example*7", SiteResult.Status.NOT_MATCHED, 200)),
            ScoreRules.defaults());
    assertThat(verdict.score()).isEqualTo(5);
    assertThat(verdict.classification()).isEqualTo(Verdict.Classification.LISTED);
    assertThat(verdict.listedBy()).containsExactly("a.example", "b.example");
    assertThat(verdict.ttl()).isEqualTo(Duration.ofSeconds(100));
    assertThat(verdict.complete()).isTrue();
  }

  @Test
  void belowTheThresholdIsNeutral() {
    Verdict verdict =
        Verdict.of(
            List.of(result("a.example*2", SiteResult.Status.MATCHED, 300)), new ScoreRules(3, 0));
    assertThat(verdict.classification()).isEqualTo(Verdict.Classification.NEUTRAL);
  }

  @Test
  void anAllowlistCanOutweighABlocklist() {
    ScoreRules rules = new ScoreRules(1, -2);
    Verdict trusted =
        Verdict.of(
            List.of(
                result("bl.example*2", SiteResult.Status.MATCHED, 300),
                result("wl.example*-5", SiteResult.Status.MATCHED, 300)),
            rules);
    assertThat(trusted.score()).isEqualTo(-3);
    assertThat(trusted.classification()).isEqualTo(Verdict.Classification.TRUSTED);
    assertThat(trusted.listedBy()).containsExactly("bl.example");
  }

  @Test
  void zeroAllowlistThresholdNeverTrusts() {
    assertThat(ScoreRules.defaults().classify(0)).isEqualTo(Verdict.Classification.NEUTRAL);
    assertThat(ScoreRules.defaults().classify(-10)).isEqualTo(Verdict.Classification.NEUTRAL);
    assertThat(new ScoreRules(1, -1).classify(-1)).isEqualTo(Verdict.Classification.TRUSTED);
  }

  @Test
  void unansweredSitesCountNothingAndAreNamed() {
    Verdict verdict =
        Verdict.of(
            List.of(
                result("a.example", SiteResult.Status.TIMED_OUT, 0),
                result("b.example", SiteResult.Status.FAILED, 0),
                result("c.example", SiteResult.Status.NOT_MATCHED, 60)),
            ScoreRules.defaults());
    assertThat(verdict.score()).isZero();
    assertThat(verdict.complete()).isFalse();
    assertThat(verdict.timedOut()).containsExactly("a.example");
    assertThat(verdict.failed()).containsExactly("b.example");
    assertThat(verdict.ttl()).isEqualTo(Duration.ofSeconds(60));
  }
}
