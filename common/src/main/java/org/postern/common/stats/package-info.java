/**
 * Per-service counters and latency histograms, cheap on hot paths, rendered as JSON and as
 * Prometheus text and served over HTTP.
 *
 * <p>Naming: counter and histogram names are lower case words joined by {@code _} or {@code .}
 * ({@code requests}, {@code errors}, {@code outcome.defer}). JSON keeps them as written; Prometheus
 * renders a counter as {@code postern_<name, dots as underscores>_total{service="srs"}} and a
 * histogram as {@code postern_<name>_seconds}. Two names differing only by dot versus underscore
 * collide in Prometheus and should not both be used.
 */
package org.postern.common.stats;
