package org.postern.dkim.milter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postern.common.executor.BoundedExecutor;
import org.postern.dkim.crypto.RsaProvider;
import org.postern.dkim.keys.KeyRing;
import org.postern.dkim.keys.SigningKey;
import org.postern.dkim.signing.DkimSigner;
import org.postern.dkim.signing.SigningSession;
import org.postern.dkim.signingtable.InvalidSenderPatternException;
import org.postern.dkim.signingtable.SenderPattern;
import org.postern.dkim.signingtable.SigningTable;
import org.postern.milter.filter.FilterSetupException;
import org.postern.milter.filter.MilterFilter;
import org.postern.milter.handler.MilterHandler;

/**
 * The configured {@code dkim-sign} filter: the signing table (configured entries plus the implied
 * {@code *@domain} of each domain with keys, and {@code *@*.domain} with subdomain fallback), the
 * internal clients and the signing threads, shared by every connection's {@link DkimSignHandler}.
 */
public final class DkimSignFilter implements MilterFilter {
  private final SigningTable<TableTarget> table;
  private final InternalClients clients;
  private final SigningDomainSource domainSource;
  private final BoundedExecutor executor;

  /** Signs with the keys of {@code keys} as {@code settings} say, on {@code executor}. */
  public DkimSignFilter(KeyRing keys, DkimSignSettings settings, BoundedExecutor executor) {
    this(keys, settings, executor, RsaProvider.preferred());
  }

  /** As above, with RSA signatures computed by {@code rsaProvider}. */
  DkimSignFilter(
      KeyRing keys, DkimSignSettings settings, BoundedExecutor executor, RsaProvider rsaProvider) {
    Map<String, DkimSigner> byDomain = new LinkedHashMap<>();
    for (String domain : settings.keys().keySet()) {
      List<SigningKey> active = keys.signingKeys(domain);
      if (!active.isEmpty()) {
        byDomain.put(domain, signer(active, settings, rsaProvider));
      }
    }
    this.table = table(keys, settings, byDomain, rsaProvider);
    this.clients = InternalClients.of(settings.networks());
    this.domainSource = settings.signingDomain();
    this.executor = executor;
  }

  @Override
  public MilterHandler newHandler() {
    return new DkimSignHandler(this);
  }

  /**
   * A signing session for mail of {@code address} ({@code local@domain}) as the most specific
   * pattern says; empty when nothing signs this sender.
   */
  Optional<SigningSession> sessionFor(String address) {
    return table
        .lookup(address)
        .map(
            target ->
                target.identity()
                    ? target.signer().newSession(address)
                    : target.signer().newSession());
  }

  InternalClients clients() {
    return clients;
  }

  SigningDomainSource domainSource() {
    return domainSource;
  }

  BoundedExecutor executor() {
    return executor;
  }

  @Override
  public void close() {
    executor.close();
  }

  private static DkimSigner signer(
      List<SigningKey> keys, DkimSignSettings settings, RsaProvider rsaProvider) {
    DkimSignSettings.CanonicalizationPair canonicalization =
        DkimSignSettings.CanonicalizationPair.parse(settings.canonicalization());
    return DkimSigner.builder()
        .keys(keys)
        .headers(settings.headers())
        .canonicalization(canonicalization.header(), canonicalization.body())
        .validity(settings.validity())
        .rsaProvider(rsaProvider)
        .build();
  }

  /**
   * The configured entries, plus for each domain with active keys an implied {@code *@domain} (and
   * with subdomain fallback {@code *@*.domain}) unless an entry already lists that pattern.
   */
  private static SigningTable<TableTarget> table(
      KeyRing keys,
      DkimSignSettings settings,
      Map<String, DkimSigner> byDomain,
      RsaProvider rsaProvider) {
    SigningTable.Builder<TableTarget> table = SigningTable.builder();
    Set<SenderPattern> listed = new HashSet<>();
    for (SigningTableEntrySettings entry : settings.signingTable()) {
      listed.add(entry.senderPattern());
    }
    for (SigningTableEntrySettings entry : settings.signingTable()) {
      DkimSigner signer;
      if (entry.selector() == null) {
        signer = byDomain.get(entry.domain());
      } else {
        signer =
            keys.allKeys(entry.domain()).stream()
                .filter(key -> key.selector().equalsIgnoreCase(entry.selector()))
                .findFirst()
                .map(key -> signer(List.of(key), settings, rsaProvider))
                .orElse(null);
      }
      if (signer == null) {
        throw new FilterSetupException(
            DkimSignFilterFactory.TYPE,
            "signing-table entry " + entry.sender() + ": no key of " + entry.domain());
      }
      try {
        table.add(entry.senderPattern(), new TableTarget(signer, entry.identity()));
      } catch (InvalidSenderPatternException e) {
        throw new FilterSetupException(DkimSignFilterFactory.TYPE, e.getMessage(), e);
      }
    }
    for (Map.Entry<String, DkimSigner> domain : byDomain.entrySet()) {
      List<SenderPattern> implied = new ArrayList<>();
      implied.add(new SenderPattern(SenderPattern.Kind.DOMAIN, "", domain.getKey()));
      if (settings.subdomainFallback()) {
        implied.add(new SenderPattern(SenderPattern.Kind.SUBDOMAINS, "", domain.getKey()));
      }
      for (SenderPattern pattern : implied) {
        if (listed.add(pattern)) {
          try {
            table.add(pattern, new TableTarget(domain.getValue(), false));
          } catch (InvalidSenderPatternException e) {
            throw new IllegalStateException("listed patterns are skipped", e);
          }
        }
      }
    }
    return table.build();
  }

  /** What a signing-table entry selects: a signer, and whether {@code i=} names the sender. */
  private record TableTarget(DkimSigner signer, boolean identity) {}
}
