package org.postern.screen.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.postern.common.stats.StatsRegistry;
import org.postern.policy.PolicyAction;
import org.postern.policy.PolicyRequest;
import org.postern.screen.access.AccessList;
import org.postern.screen.dns.DnsAnswer;
import org.postern.screen.dns.DnsLookupException;
import org.postern.screen.dns.DnsblResolver;
import org.postern.screen.dns.TtlBounds;
import org.postern.screen.dnsbl.DnsblScreen;
import org.postern.screen.dnsbl.RefusedQueryLog;
import org.postern.screen.pass.EmbeddedPassCache;
import org.postern.screen.score.ScoreRules;
import org.postern.screen.site.DnsblSite;

class ScreenPolicyHandlerTest {
  private final AtomicInteger queries = new AtomicInteger();
  private boolean failing;

  // 127.0.0.2 is listed with code 2 everywhere; others are not listed.
  private final DnsblResolver resolver =
      name -> {
        queries.incrementAndGet();
        if (failing) {
          return CompletableFuture.failedFuture(new DnsLookupException("SERVFAIL"));
        }
        List<byte[]> codes =
            name.startsWith("2.0.0.127.") ? List.of(new byte[] {127, 0, 0, 2}) : List.of();
        return CompletableFuture.completedFuture(new DnsAnswer(codes, Duration.ofMinutes(5)));
      };

  private ScreenPolicyHandler handler(ListedAction action, String accessList) {
    DnsblScreen screen =
        new DnsblScreen(
            List.of(DnsblSite.parse("zen.example*2"), DnsblSite.parse("bl.example")),
            resolver,
            Duration.ofSeconds(1),
            ScoreRules.defaults(),
            new RefusedQueryLog(Clock.systemUTC(), Duration.ofMinutes(10)));
    return new ScreenPolicyHandler(
        AccessList.parse("access", accessList),
        new EmbeddedPassCache(100, Ticker.systemTicker()),
        screen,
        action,
        TtlBounds.defaults(),
        new StatsRegistry().service("screen"));
  }

  private static String decide(ScreenPolicyHandler handler, String client) {
    PolicyRequest request =
        new PolicyRequest(
            Map.of(
                "request", "smtpd_access_policy",
                "protocol_state", "RCPT",
                "client_address", client));
    PolicyAction action = handler.decide(request).toCompletableFuture().join();
    return action.action();
  }

  @Test
  void aListedClientIsRejectedNamingTheLists() {
    assertThat(decide(handler(ListedAction.REJECT, ""), "127.0.0.2"))
        .isEqualTo(
            "REJECT 5.7.1 Service unavailable; client [127.0.0.2] blocked using zen.example,"
                + " bl.example");
  }

  @Test
  void deferAndIgnoreActions() {
    assertThat(decide(handler(ListedAction.DEFER, ""), "127.0.0.2")).startsWith("DEFER 4.7.1 ");
    assertThat(decide(handler(ListedAction.IGNORE, ""), "127.0.0.2")).isEqualTo("DUNNO");
  }

  @Test
  void anUnlistedClientPassesAndIsRemembered() {
    ScreenPolicyHandler handler = handler(ListedAction.REJECT, "");
    assertThat(decide(handler, "127.0.0.3")).isEqualTo("DUNNO");
    int asked = queries.get();
    assertThat(asked).isEqualTo(2);
    assertThat(decide(handler, "127.0.0.3")).isEqualTo("DUNNO");
    assertThat(queries).hasValue(asked);
  }

  @Test
  void aTemporaryDnsFailureIsDunnoAndNotRemembered() {
    ScreenPolicyHandler handler = handler(ListedAction.REJECT, "");
    failing = true;
    assertThat(decide(handler, "127.0.0.2")).isEqualTo("DUNNO");
    failing = false;
    assertThat(decide(handler, "127.0.0.2")).startsWith("REJECT");
  }

  @Test
  void theAccessListComesFirst() {
    ScreenPolicyHandler handler =
        handler(ListedAction.REJECT, "127.0.0.2/32 permit\n192.0.2.0/24 reject\n");
    assertThat(decide(handler, "127.0.0.2")).isEqualTo("DUNNO");
    assertThat(decide(handler, "192.0.2.1"))
        .isEqualTo(
            "REJECT 5.7.1 Service unavailable; client [192.0.2.1] blocked by the access list");
    assertThat(queries).hasValue(0);
  }

  @Test
  void aRequestWithoutAnAddressIsDunno() {
    assertThat(decide(handler(ListedAction.REJECT, ""), "")).isEqualTo("DUNNO");
  }
}
