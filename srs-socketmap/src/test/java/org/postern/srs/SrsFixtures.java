package org.postern.srs;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Shared settings for the SRS tests: postsrsd's test vector secret, domain and time. */
final class SrsFixtures {
  static final String SECRET = "tops3cr3t";
  static final String SRS_DOMAIN = "example.com";

  /** 2020-01-01T00:01:00Z, the time of postsrsd's test vector. */
  static final Instant VECTOR_TIME = Instant.ofEpochSecond(1577836860L);

  private SrsFixtures() {}

  static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  static SrsSecrets secrets(String... secrets) {
    try {
      return SrsSecrets.of(List.of(secrets));
    } catch (SrsConfigException e) {
      throw new AssertionError(e);
    }
  }

  static SrsRewriter.Builder builder(Instant now) {
    return SrsRewriter.builder().srsDomain(SRS_DOMAIN).secrets(secrets(SECRET)).clock(clockAt(now));
  }

  static SrsRewriter rewriter(Instant now) {
    return build(builder(now));
  }

  static SrsRewriter build(SrsRewriter.Builder builder) {
    try {
      return builder.build();
    } catch (SrsConfigException e) {
      throw new AssertionError(e);
    }
  }
}
