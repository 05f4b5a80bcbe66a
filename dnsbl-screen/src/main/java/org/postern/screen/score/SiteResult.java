package org.postern.screen.score;

import java.time.Duration;
import java.util.Objects;
import org.postern.screen.site.DnsblSite;

/**
 * What one site said about a client.
 *
 * @param site the site asked
 * @param status whether it matched, did not, or gave no usable answer
 * @param ttl how long the answer is valid (zero when there was none)
 */
public record SiteResult(DnsblSite site, Status status, Duration ttl) {

  /** The outcome of one site's query. */
  public enum Status {
    /** A reply passed the site's filter: its weight counts. */
    MATCHED,
    /** No reply, or none passing the filter. */
    NOT_MATCHED,
    /** No answer within the timeout. */
    TIMED_OUT,
    /** A temporary DNS failure (SERVFAIL, network error...). */
    FAILED
  }

  /** Checks for nulls. */
  public SiteResult {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(ttl, "ttl");
  }

  /** Whether the site answered in time. */
  public boolean answered() {
    return status == Status.MATCHED || status == Status.NOT_MATCHED;
  }
}
