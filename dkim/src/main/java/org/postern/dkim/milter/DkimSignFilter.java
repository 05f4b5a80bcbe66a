package org.postern.dkim.milter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postern.common.executor.BoundedExecutor;
import org.postern.dkim.keys.KeyRing;
import org.postern.dkim.keys.SigningKey;
import org.postern.dkim.signing.DkimSigner;
import org.postern.milter.filter.MilterFilter;
import org.postern.milter.handler.MilterHandler;

/**
 * The configured {@code dkim-sign} filter: a signer per domain with active keys, the internal
 * clients and the signing threads, shared by every connection's {@link DkimSignHandler}.
 */
public final class DkimSignFilter implements MilterFilter {
  private final Map<String, DkimSigner> signers;
  private final InternalClients clients;
  private final SigningDomainSource domainSource;
  private final BoundedExecutor executor;

  /** Signs with the active keys of {@code keys} as {@code settings} say, on {@code executor}. */
  public DkimSignFilter(KeyRing keys, DkimSignSettings settings, BoundedExecutor executor) {
    DkimSignSettings.CanonicalizationPair canonicalization =
        DkimSignSettings.CanonicalizationPair.parse(settings.canonicalization());
    Map<String, DkimSigner> byDomain = new LinkedHashMap<>();
    for (String domain : settings.keys().keySet()) {
      List<SigningKey> active = keys.signingKeys(domain);
      if (active.isEmpty()) {
        continue;
      }
      byDomain.put(
          domain,
          DkimSigner.builder()
              .keys(active)
              .headers(settings.headers())
              .canonicalization(canonicalization.header(), canonicalization.body())
              .validity(settings.validity())
              .build());
    }
    this.signers = Map.copyOf(byDomain);
    this.clients = InternalClients.of(settings.networks());
    this.domainSource = settings.signingDomain();
    this.executor = executor;
  }

  @Override
  public MilterHandler newHandler() {
    return new DkimSignHandler(this);
  }

  /** The signer of {@code domain} (lower case), if it has an active key. */
  Optional<DkimSigner> signerFor(String domain) {
    return Optional.ofNullable(signers.get(domain));
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
}
