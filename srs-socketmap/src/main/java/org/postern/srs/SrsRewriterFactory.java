package org.postern.srs;

import java.time.Clock;

/** Builds an {@link SrsRewriter} from {@link SrsSettings}, reading the secrets file. */
public final class SrsRewriterFactory {
  private SrsRewriterFactory() {}

  /** A rewriter on the system clock. */
  public static SrsRewriter create(SrsSettings settings) throws SrsConfigException {
    return create(settings, Clock.systemUTC());
  }

  /**
   * A rewriter reading time from {@code clock}.
   *
   * @throws SrsConfigException when srs-domain or secrets is unset, or the secrets file is
   *     unreadable, group/world-accessible or empty (the message names the file)
   */
  public static SrsRewriter create(SrsSettings settings, Clock clock) throws SrsConfigException {
    if (settings.srsDomain() == null) {
      throw new SrsConfigException("srs-domain is required");
    }
    if (settings.secrets() == null) {
      throw new SrsConfigException("secrets (the SRS secrets file) is required");
    }
    return SrsRewriter.builder()
        .srsDomain(settings.srsDomain())
        .secrets(SrsSecrets.load(settings.secrets()))
        .hashLength(settings.hashLength())
        .hashMinimum(settings.hashMinimum())
        .maxAgeDays(settings.maxAge())
        .hashEncoding(settings.hashEncoding())
        .separator(settings.separator().charAt(0))
        .domains(LocalDomains.of(settings.domains()))
        .alwaysRewrite(settings.alwaysRewrite())
        .clock(clock)
        .build();
  }
}
